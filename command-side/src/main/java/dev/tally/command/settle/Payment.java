package dev.tally.command.settle;

import dev.tally.api.money.Money;
import dev.tally.api.settle.PaymentAmended;
import dev.tally.api.settle.PaymentDeleted;
import dev.tally.api.settle.PaymentDisputed;
import dev.tally.api.settle.PaymentRecorded;
import dev.tally.command.dispatch.Amounts;
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
 * Settling up: one person paid another (in full or in part) what they owe from shared expenses. The payer records,
 * amends and deletes it; the payee may dispute it, and a disputed payment moves no balance until the payer amends it.
 * To anyone else it does not exist.
 */
@Aggregate
public class Payment {

    @AggregateIdentifier
    private String paymentId;
    private String payerId;
    private String payeeId;
    private Money amount;
    private LocalDate date;
    private String note;
    private boolean disputed;
    private boolean deleted;

    protected Payment() {
    }

    /** Without a date, paid today (UTC): dated here, after the command was checked against its {@code Idempotency-Key}. */
    @CommandHandler
    public Payment(RecordPayment command, Counterparties counterparties, GroupDirectory groups, Clock clock) {
        if (command.payerId().equals(command.payeeId())) {
            throw new RuleViolation("pay_yourself", "payeeId", "A payment goes to someone else.");
        }
        if (!command.amount().isPositive()) {
            throw new RuleViolation("invalid_amount", "amount", "must be more than zero");
        }
        boolean known = command.groupId() == null
                ? counterparties.shareExpenses(command.payerId(), command.payeeId())
                : groups.allMembers(command.groupId(), List.of(command.payerId(), command.payeeId()));
        if (!known) {
            throw new RuleViolation("unknown_payee", "payeeId", command.groupId() == null
                    ? "is not someone you share expenses with" : "You and the payee must both be members of the group.");
        }
        java.util.Set<String> shared = counterparties.sharedCurrencies(command.payerId(), command.payeeId(), command.groupId());
        if (!shared.isEmpty() && !shared.contains(command.amount().currency())) {
            throw new RuleViolation("currency_not_shared", "currency", (command.groupId() == null
                    ? "is not a currency you share expenses in with the payee: " : "is not a currency of the group's expenses: ")
                    + String.join(", ", new java.util.TreeSet<>(shared)));
        }
        if (command.transactionId() != null && !counterparties.ownsTransaction(command.payerId(), command.transactionId())) {
            throw new RuleViolation("unknown_transaction", "transactionId", "is not one of your transactions");
        }
        apply(new PaymentRecorded(command.paymentId(), command.payerId(), command.payeeId(), command.amount(), command.groupId(),
                command.date() == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : command.date(), command.note(), command.transactionId()));
    }

    @CommandHandler
    public long handle(AmendPayment command) {
        requirePayer(command.actorId());
        Money newAmount = command.amount() == null ? amount : Amounts.parse(command.amount(), amount.currency(), "amount");
        if (!newAmount.isPositive()) {
            throw new RuleViolation("invalid_amount", "amount", "must be more than zero");
        }
        LocalDate newDate = command.date() == null ? date : command.date();
        String newNote = command.note() == null ? note : command.note();
        if (disputed || !newAmount.equals(amount) || !newDate.equals(date) || !Objects.equals(newNote, note)) {
            apply(new PaymentAmended(paymentId, payerId, payeeId, newAmount, newDate, newNote));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DisputePayment command) {
        requireVisible(command.actorId());
        if (!payeeId.equals(command.actorId())) {
            throw new ForbiddenException("not_the_payee", "Only the person paid can dispute a payment.");
        }
        if (!disputed) {
            apply(new PaymentDisputed(paymentId, payerId, payeeId, command.reason()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DeletePayment command) {
        requirePayer(command.actorId());
        apply(new PaymentDeleted(paymentId, payerId, payeeId));
        return getVersion();
    }

    private void requireVisible(String actorId) {
        if (deleted || (!payerId.equals(actorId) && !payeeId.equals(actorId))) {
            throw new NotFoundException("payment", paymentId);
        }
    }

    private void requirePayer(String actorId) {
        requireVisible(actorId);
        if (!payerId.equals(actorId)) {
            throw new ForbiddenException("not_the_payer", "Only the person who paid can change or delete this payment.");
        }
    }

    @EventSourcingHandler
    void on(PaymentRecorded event) {
        paymentId = event.paymentId();
        payerId = event.payerId();
        payeeId = event.payeeId();
        amount = event.amount();
        date = event.date();
        note = event.note();
    }

    @EventSourcingHandler
    void on(PaymentAmended event) {
        amount = event.amount();
        date = event.date();
        note = event.note();
        disputed = false;
    }

    @EventSourcingHandler
    void on(PaymentDisputed event) {
        disputed = true;
    }

    @EventSourcingHandler
    void on(PaymentDeleted event) {
        deleted = true;
    }
}
