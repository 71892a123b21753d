package dev.tally.command.expense;

import dev.tally.api.expense.ExpenseCommented;
import dev.tally.api.expense.ExpenseGroupChanged;
import dev.tally.api.expense.ExpenseShared;
import dev.tally.api.expense.ExpenseUnshared;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.expense.TransactionType;
import dev.tally.command.account.AccountLedger;
import dev.tally.command.category.CategoryDirectory;
import dev.tally.command.group.GroupDirectory;
import dev.tally.platform.web.ForbiddenException;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * An expense, income or transfer. Only its owner (the payer) changes it; people an expense is shared with see it and
 * may comment. Deleting keeps it restorable; a shared expense's shares follow every change of its amount.
 */
@Aggregate
public class Transaction {

    @AggregateIdentifier
    private String transactionId;
    private String ownerId;
    private TransactionDetails details;
    private boolean deleted;
    private Split split;
    private List<Share> shares = List.of();
    private String groupId;

    protected Transaction() {
    }

    /**
     * A draft without a date is recorded today (UTC), dated here and not by the controller: the command stays the request
     * as sent, which is what its {@code Idempotency-Key} is checked against, so a retry after midnight is the same request.
     */
    @CommandHandler
    public Transaction(RecordTransaction command, AccountLedger ledger, CategoryDirectory categories, Clock clock) {
        TransactionDraft draft = command.draft().date() == null ? command.draft().on(LocalDate.now(clock.withZone(ZoneOffset.UTC))) : command.draft();
        TransactionDetails details = new TransactionRules(ledger, categories).check(command.ownerId(), draft);
        apply(new TransactionRecorded(command.transactionId(), command.ownerId(), details));
    }

    @CommandHandler
    public long handle(AmendTransaction command, AccountLedger ledger, CategoryDirectory categories) {
        requireOwner(command.actorId());
        requireNotDeleted();
        TransactionDetails after = new TransactionRules(ledger, categories)
                .check(ownerId, TransactionDraft.of(details).amendedBy(command.changes()), details.categoryId());
        if (after.equals(details)) {
            return getVersion();
        }
        boolean newTotal = !after.amount().equals(details.amount());
        apply(new TransactionAmended(transactionId, ownerId, details, after));
        if (split != null && newTotal) {
            Split resplit = split.forTotal(after.amount(), shares);
            apply(new ExpenseShared(transactionId, ownerId, resplit.method(), resplit.shares(after.amount(), ownerId)));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DeleteTransaction command, AccountLedger ledger) {
        requireOwner(command.actorId());
        if (!deleted) {
            requireAccountsOpen(ledger, "deleted");
            apply(new TransactionDeleted(transactionId, ownerId, details));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(RestoreTransaction command, AccountLedger ledger) {
        requireOwner(command.actorId());
        if (deleted) {
            requireAccountsOpen(ledger, "restored");
            apply(new TransactionRestored(transactionId, ownerId, details));
        }
        return getVersion();
    }


    /** Shared outside any group, it leaves the group it was in. */
    @CommandHandler
    public long handle(ShareExpense command) {
        share(command.actorId(), command.method(), command.parts());
        inGroup(null);
        return getVersion();
    }

    /** In a group, the payer and every participant must be its members now. */
    @CommandHandler
    public long handle(ShareExpenseInGroup command, GroupDirectory groups) {
        requireOwner(command.actorId());
        List<String> people = new java.util.ArrayList<>(command.parts().stream().map(SplitPart::userId).toList());
        people.add(ownerId);
        if (!groups.allMembers(command.groupId(), people)) {
            throw new RuleViolation("not_group_members", "groupId", "The payer and every participant must be members of the group.");
        }
        share(command.actorId(), command.method(), command.parts());
        inGroup(command.groupId());
        return getVersion();
    }

    @CommandHandler
    public long handle(UnshareExpense command) {
        requireOwner(command.actorId());
        if (split != null) {
            apply(new ExpenseUnshared(transactionId, ownerId, shares.stream().map(Share::userId).filter(id -> !id.equals(ownerId)).toList()));
        }
        inGroup(null);
        return getVersion();
    }

    private void inGroup(String newGroupId) {
        if (!Objects.equals(groupId, newGroupId)) {
            apply(new ExpenseGroupChanged(transactionId, ownerId, newGroupId));
        }
    }

    @CommandHandler
    public long handle(CommentOnExpense command) {
        if (!ownerId.equals(command.actorId()) && !isParticipant(command.actorId())) {
            throw new NotFoundException("transaction", transactionId);
        }
        requireNotDeleted();
        apply(new ExpenseCommented(transactionId, ownerId, command.commentId(), command.actorId(), command.text().trim()));
        return getVersion();
    }

    private void share(String actorId, dev.tally.api.expense.SplitMethod method, List<SplitPart> parts) {
        requireOwner(actorId);
        requireNotDeleted();
        if (details.type() != TransactionType.EXPENSE) {
            throw new RuleViolation("not_an_expense", "Only expenses can be shared.");
        }
        Split asked = new Split(method, parts);
        List<Share> newShares = asked.shares(details.amount(), ownerId);
        if (!newShares.equals(shares) || !Objects.equals(asked.method(), split == null ? null : split.method())) {
            apply(new ExpenseShared(transactionId, ownerId, asked.method(), newShares));
        }
    }

    private boolean isParticipant(String userId) {
        return shares.stream().anyMatch(s -> s.userId().equals(userId));
    }

    private void requireOwner(String actorId) {
        if (ownerId.equals(actorId)) {
            return;
        }
        if (isParticipant(actorId)) {
            throw new ForbiddenException("not_the_payer", "Only the person who paid can change this expense.");
        }
        throw new NotFoundException("transaction", transactionId);
    }

    private void requireNotDeleted() {
        if (deleted) {
            throw new RuleViolation("transaction_deleted", "The transaction is deleted; restore it first.");
        }
    }

    private void requireAccountsOpen(AccountLedger ledger, String verb) {
        for (String accountId : details.toAccountId() == null ? List.of(details.accountId()) : List.of(details.accountId(), details.toAccountId())) {
            if (ledger.find(accountId).map(AccountLedger.LedgerAccount::closed).orElse(true)) {
                throw new RuleViolation("account_closed", "The transaction cannot be " + verb + ": its account " + accountId + " is closed.");
            }
        }
    }

    @EventSourcingHandler
    void on(TransactionRecorded event) {
        transactionId = event.transactionId();
        ownerId = event.ownerId();
        details = event.details();
    }

    @EventSourcingHandler
    void on(TransactionAmended event) {
        details = event.after();
    }

    @EventSourcingHandler
    void on(TransactionDeleted event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(TransactionRestored event) {
        deleted = false;
    }

    @EventSourcingHandler
    void on(ExpenseShared event) {
        split = new Split(event.method(), event.shares().stream().map(s -> new SplitPart(s.userId(), s.value())).toList());
        shares = event.shares();
    }

    @EventSourcingHandler
    void on(ExpenseGroupChanged event) {
        groupId = event.groupId();
    }

    @EventSourcingHandler
    void on(ExpenseUnshared event) {
        split = null;
        shares = List.of();
    }
}
