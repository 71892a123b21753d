package dev.tally.query.support;

import dev.tally.api.account.AccountBalanceChanged;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AccountType;
import dev.tally.api.category.CategoryCreated;
import dev.tally.api.category.CategoryKind;
import dev.tally.api.expense.ExpenseCommented;
import dev.tally.api.expense.ExpenseShared;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.identity.UserRegistered;
import dev.tally.api.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays command-side for tests: appends the events its aggregates would, including the {@link AccountBalanceChanged}
 * that follow each transaction, with balances kept here.
 */
public class Domain {

    private final EventLog log;
    private final Map<String, Money> balances = new HashMap<>();
    private final Map<String, TransactionDetails> details = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private Instant at;

    public Domain(EventLog log) {
        this.log = log;
    }

    /** Events appended from now on carry this time (null: the real time). */
    public Domain at(Instant at) {
        this.at = at;
        return this;
    }

    private void append(String type, String id, String actor, Object event) {
        if (at == null) {
            log.append(type, id, actor, event);
        } else {
            log.append(type, id, actor, event, at);
        }
    }

    public String user(String name) {
        return user(name, "Europe/Berlin");
    }

    public String user(String name, String timeZone) {
        String id = "u-" + UUID.randomUUID();
        append("User", id, id, new UserRegistered(id, name, timeZone));
        return id;
    }

    public String account(String owner, String name, String opening) {
        return account(owner, name, opening, "EUR");
    }

    public String account(String owner, String name, String opening, String currency) {
        String id = "a-" + UUID.randomUUID();
        Money money = Money.parse(opening, currency);
        append("Account", id, owner, new AccountOpened(id, owner, name, AccountType.BANK, currency, money));
        balances.put(id, money);
        return id;
    }

    public String category(String owner, String name) {
        String id = "c-" + UUID.randomUUID();
        append("Category", id, owner, new CategoryCreated(id, owner, name, CategoryKind.EXPENSE));
        return id;
    }

    public static TransactionDetails expense(String account, String amount, String category, LocalDate date, String description,
                                             String merchant, List<String> tags) {
        return new TransactionDetails(TransactionType.EXPENSE, account, null, Money.parse(amount, "EUR"), category, date, description,
                merchant, tags, null);
    }

    /** An expense in the account's currency, which need not be the euro. */
    public static TransactionDetails expense(String account, Money amount, String category, LocalDate date) {
        return new TransactionDetails(TransactionType.EXPENSE, account, null, amount, category, date, "Expense", null, List.of(), null);
    }

    public static TransactionDetails income(String account, String amount, String category, LocalDate date, String description) {
        return new TransactionDetails(TransactionType.INCOME, account, null, Money.parse(amount, "EUR"), category, date, description,
                null, List.of(), null);
    }

    public static TransactionDetails transfer(String from, String to, String amount, LocalDate date) {
        return new TransactionDetails(TransactionType.TRANSFER, from, to, Money.parse(amount, "EUR"), null, date, "Transfer", null, List.of(), null);
    }

    public String record(String owner, TransactionDetails d) {
        String id = "t-" + UUID.randomUUID();
        append("Transaction", id, owner, new TransactionRecorded(id, owner, d));
        details.put(id, d);
        owners.put(id, owner);
        effects(owner, id, d, 1);
        return id;
    }

    public void amend(String id, TransactionDetails after) {
        String owner = owners.get(id);
        TransactionDetails before = details.put(id, after);
        append("Transaction", id, owner, new TransactionAmended(id, owner, before, after));
        effects(owner, id, before, -1);
        effects(owner, id, after, 1);
    }

    public void delete(String id) {
        String owner = owners.get(id);
        append("Transaction", id, owner, new TransactionDeleted(id, owner, details.get(id)));
        effects(owner, id, details.get(id), -1);
    }

    public void restore(String id) {
        String owner = owners.get(id);
        append("Transaction", id, owner, new TransactionRestored(id, owner, details.get(id)));
        effects(owner, id, details.get(id), 1);
    }

    public void share(String id, SplitMethod method, List<Share> shares) {
        String owner = owners.get(id);
        append("Transaction", id, owner, new ExpenseShared(id, owner, method, shares));
    }

    public String comment(String id, String author, String text) {
        String commentId = "cm-" + UUID.randomUUID();
        append("Transaction", id, author, new ExpenseCommented(id, owners.get(id), commentId, author, text));
        return commentId;
    }

    public Money balance(String account) {
        return balances.get(account);
    }

    private void effects(String owner, String transactionId, TransactionDetails d, int sign) {
        Money amount = d.amount();
        switch (d.type()) {
            case EXPENSE -> change(owner, d.accountId(), transactionId, sign > 0 ? amount.negate() : amount);
            case INCOME -> change(owner, d.accountId(), transactionId, sign > 0 ? amount : amount.negate());
            case TRANSFER -> {
                change(owner, d.accountId(), transactionId, sign > 0 ? amount.negate() : amount);
                change(owner, d.toAccountId(), transactionId, sign > 0 ? amount : amount.negate());
            }
        }
    }

    private void change(String owner, String account, String transactionId, Money change) {
        Money balance = balances.get(account).plus(change);
        balances.put(account, balance);
        append("Account", account, owner, new AccountBalanceChanged(account, owner, transactionId, change, balance));
    }
}
