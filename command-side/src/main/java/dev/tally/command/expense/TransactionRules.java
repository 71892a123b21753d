package dev.tally.command.expense;

import dev.tally.api.category.CategoryKind;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.InvalidMoneyException;
import dev.tally.api.money.Money;
import dev.tally.command.account.AccountLedger;
import dev.tally.command.account.AccountLedger.LedgerAccount;
import dev.tally.command.category.CategoryDirectory;
import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.RuleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a transaction's details must keep, checked against the owner's accounts and categories. All faults are
 * reported together, each with its field.
 */
public final class TransactionRules {

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private final AccountLedger ledger;
    private final CategoryDirectory categories;
    private final List<FieldError> errors = new ArrayList<>();

    public TransactionRules(AccountLedger ledger, CategoryDirectory categories) {
        this.ledger = ledger;
        this.categories = categories;
    }

    /** The rules of a new transaction. */
    public TransactionDetails check(String ownerId, TransactionDraft draft) {
        return check(ownerId, draft, null);
    }

    /**
     * @param currentCategoryId the category the transaction has now (null if new): an archived one it already has may stay
     */
    public TransactionDetails check(String ownerId, TransactionDraft draft, String currentCategoryId) {
        TransactionType type = draft.type();
        String accountId = draft.accountId();
        String toAccountId = blankToNull(draft.toAccountId());
        String categoryId = blankToNull(draft.categoryId());
        LedgerAccount account = openAccount(ownerId, accountId, "accountId");
        Money money = null;
        if (account != null) {
            money = positiveAmount(draft.amount(), account.currency());
        }
        if (type == TransactionType.TRANSFER) {
            if (toAccountId == null) {
                errors.add(new FieldError("toAccountId", "a transfer needs the account the money goes to"));
            } else if (toAccountId.equals(accountId)) {
                errors.add(new FieldError("toAccountId", "must differ from accountId"));
            } else {
                LedgerAccount to = openAccount(ownerId, toAccountId, "toAccountId");
                if (to != null && account != null && !to.currency().equals(account.currency())) {
                    errors.add(new FieldError("toAccountId", "a transfer moves money between accounts of the same currency; this one holds "
                            + to.currency() + ", the other " + account.currency()));
                }
            }
            if (categoryId != null) {
                errors.add(new FieldError("categoryId", "a transfer has no category"));
            }
        } else {
            if (toAccountId != null) {
                errors.add(new FieldError("toAccountId", "only transfers have a destination account"));
            }
            if (categoryId != null && !categoryId.equals(currentCategoryId)) {
                category(ownerId, categoryId, type == TransactionType.EXPENSE ? CategoryKind.EXPENSE : CategoryKind.INCOME);
            }
        }
        LocalDate date = draft.date();
        if (date == null) {
            errors.add(new FieldError("date", "is required"));
        } else if (date.isBefore(EARLIEST) || date.isAfter(LocalDate.now().plusYears(1))) {
            errors.add(new FieldError("date", "must be between 1900-01-01 and a year from today"));
        }
        Money originalAmount = draft.originalAmount();
        if (originalAmount != null && !originalAmount.isPositive()) {
            errors.add(new FieldError("originalAmount", "must be greater than zero"));
        } else if (originalAmount != null && money != null && originalAmount.sameCurrencyAs(money)) {
            errors.add(new FieldError("originalAmount", "is the amount in a foreign currency; it is in the account's own currency"));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolation("invalid_transaction", "The transaction cannot be recorded as it is.", errors);
        }
        return new TransactionDetails(type, accountId, toAccountId, money, categoryId, date, blankToNull(draft.description()),
                blankToNull(draft.merchant()), draft.tags() == null ? List.of() : draft.tags(), originalAmount);
    }

    private LedgerAccount openAccount(String ownerId, String accountId, String field) {
        if (accountId == null || accountId.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        LedgerAccount account = ledger.find(accountId).filter(a -> a.ownerId().equals(ownerId)).orElse(null);
        if (account == null) {
            errors.add(new FieldError(field, "is not one of your accounts"));
        } else if (account.closed()) {
            errors.add(new FieldError(field, "the account is closed"));
        }
        return account;
    }

    private Money positiveAmount(String amount, String currency) {
        try {
            Money money = Money.parse(amount, currency);
            if (!money.isPositive()) {
                errors.add(new FieldError("amount", "must be greater than zero"));
            }
            return money;
        } catch (InvalidMoneyException e) {
            errors.add(new FieldError("amount", e.getMessage()));
            return null;
        }
    }

    private void category(String ownerId, String categoryId, CategoryKind kind) {
        categories.refusal(ownerId, categoryId, kind).ifPresent(why -> errors.add(new FieldError("categoryId", why)));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
