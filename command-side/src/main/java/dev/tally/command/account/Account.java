package dev.tally.command.account;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import dev.tally.api.account.AccountBalanceChanged;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AccountRenamed;
import dev.tally.api.money.Money;
import dev.tally.command.dispatch.CommandModel;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A place money is kept. Every transaction posts its change here ({@link AccountPostings}), so the account's own history
 * shows its balance at any moment; it closes only when empty, and a closed account takes no postings.
 */
@Aggregate(snapshotTriggerDefinition = "accountSnapshots", cache = CommandModel.ACCOUNT_CACHE)
public class Account {

    @AggregateIdentifier
    private String accountId;
    @DataSubject
    private String ownerId;
    @PersonalData
    private String name;
    private boolean closed;
    private Money balance;

    protected Account() {
    }

    @CommandHandler
    public Account(OpenAccount command) {
        apply(new AccountOpened(command.accountId(), command.ownerId(), command.name().trim(), command.type(),
                command.openingBalance().currency(), command.openingBalance()));
    }

    @CommandHandler
    public long handle(RenameAccount command) {
        requireOwner(command.actorId());
        requireOpen();
        if (!name.equals(command.name().trim())) {
            apply(new AccountRenamed(accountId, ownerId, command.name().trim()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(CloseAccount command) {
        requireOwner(command.actorId());
        requireOpen();
        if (!balance.isZero()) {
            throw new RuleViolation("account_not_empty",
                    "The account still holds " + balance + "; bring its balance to zero before closing it.");
        }
        apply(new AccountClosed(accountId, ownerId));
        return getVersion();
    }

    @CommandHandler
    public long handle(PostToAccount command) {
        requireOwner(command.ownerId());
        requireOpen();
        if (!command.change().sameCurrencyAs(balance)) {
            throw new RuleViolation("currency_mismatch", "The account holds " + balance.currency() + ", not " + command.change().currency() + ".");
        }
        Money after;
        try {
            after = balance.plus(command.change());
        } catch (ArithmeticException e) { // thousands of the largest amounts, one way
            throw new RuleViolation("balance_out_of_range", "The account's balance would pass the most it can hold.");
        }
        apply(new AccountBalanceChanged(accountId, ownerId, command.transactionId(), command.change(), after));
        return getVersion();
    }

    private void requireOwner(String actorId) {
        if (!ownerId.equals(actorId)) {
            throw new NotFoundException("account", accountId);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new RuleViolation("account_closed", "The account is closed.");
        }
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
        ownerId = event.ownerId();
        name = event.name();
        balance = event.openingBalance();
    }

    @EventSourcingHandler
    void on(AccountBalanceChanged event) {
        balance = event.balance();
    }

    @EventSourcingHandler
    void on(AccountRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(AccountClosed event) {
        closed = true;
    }
}
