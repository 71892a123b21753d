package dev.tally.query.audit;

import dev.tally.platform.web.NotFoundException;
import dev.tally.query.account.AccountRepository;
import dev.tally.query.budget.BudgetRepository;
import dev.tally.query.expense.ExpenseMembers;
import dev.tally.query.identity.UserRepository;
import dev.tally.query.importing.ImportRepository;
import dev.tally.query.recurring.RecurringRepository;
import dev.tally.query.settle.PaymentRepository;
import dev.tally.query.web.Cursor;
import dev.tally.query.web.Dates;
import dev.tally.query.web.InvalidQuery;
import dev.tally.query.web.Limits;
import dev.tally.query.web.Page;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * History straight from the event store (not from read models), so an audit shows what was recorded. Each thing's
 * events are those of the aggregate with its id. Only someone who may see the thing now may read its history. Pages
 * and as-of states cost the same however long the history is: pages read from a sequence number on, and a moment is
 * found from the nearest snapshot before it ({@link AuditSnapshots}). Times are as recorded, which never go back within
 * one thing's history (one writer at a time per aggregate).
 */
@Component
public class AuditTrail {

    private final EventStorageEngine storage;
    private final AuditSnapshots snapshots;
    private final AccountRepository accounts;
    private final BudgetRepository budgets;
    private final ExpenseMembers members;
    private final UserRepository users;
    private final PaymentRepository payments;
    private final RecurringRepository recurring;
    private final ImportRepository imports;
    private final Clock clock;

    public AuditTrail(EventStorageEngine storage, AuditSnapshots snapshots, AccountRepository accounts, BudgetRepository budgets,
                      ExpenseMembers members, UserRepository users, PaymentRepository payments, RecurringRepository recurring,
                      ImportRepository imports, Clock clock) {
        this.payments = payments;
        this.recurring = recurring;
        this.imports = imports;
        this.storage = storage;
        this.snapshots = snapshots;
        this.accounts = accounts;
        this.budgets = budgets;
        this.members = members;
        this.users = users;
        this.clock = clock;
    }

    /**
     * A page of the thing's events in order, optionally only those recorded from {@code from} and up to {@code to}
     * (instants, or days in the caller's time zone: from its start, up to its end).
     */
    public Page<AuditEvent> events(String kindPath, String id, String userId, String fromText, String toText, Integer limit, String cursorText) {
        AuditKind kind = visible(kindPath, id, userId);
        int size = Limits.check(limit);
        Instant from = fromText == null || fromText.isBlank() ? null : moment("from", fromText, userId, false);
        Instant to = toText == null || toText.isBlank() ? null : moment("to", toText, userId, true);
        long start = cursorText != null ? afterCursor(cursorText, id) : from != null ? snapshots.startBefore(kind, id, from) : 0;
        List<AuditEvent> items = new ArrayList<>(size);
        Iterator<? extends DomainEventMessage<?>> stored = storage.readEvents(id, start).asStream().iterator();
        Long last = null;
        boolean more = false;
        while (stored.hasNext()) {
            DomainEventMessage<?> m = stored.next();
            if (to != null && m.getTimestamp().isAfter(to)) {
                break;
            }
            if (from != null && m.getTimestamp().isBefore(from) || !relevant(kind, m)) {
                continue;
            }
            if (items.size() == size) {
                more = true;
                break;
            }
            items.add(AuditEvent.of(m));
            last = m.getSequenceNumber();
        }
        return new Page<>(items, more ? new Cursor(Long.toString(last), id).encode() : null, null);
    }

    public AuditState state(String kindPath, String id, String asOfText, String userId) {
        AuditKind kind = visible(kindPath, id, userId);
        Instant asOf = asOfText == null || asOfText.isBlank() ? clock.instant() : moment("asOf", asOfText, userId, true);
        AuditSnapshots.Folded folded = snapshots.asOf(kind, id, asOf);
        return new AuditState(kind.name().toLowerCase(), id, asOf, folded.state() != null, folded.version(), folded.state());
    }

    private AuditKind visible(String kindPath, String id, String userId) {
        AuditKind kind = AuditKind.of(kindPath).orElseThrow(() -> new InvalidQuery("kind", "must be account, transaction, budget, payment, recurring or import"));
        boolean visible = switch (kind) {
            case ACCOUNT -> accounts.findByAccountIdAndOwnerId(id, userId).isPresent();
            case TRANSACTION -> members.isMember(id, userId);
            case BUDGET -> budgets.findById(id).filter(b -> b.ownerId().equals(userId)).isPresent();
            // the payer and the payee, even after it was deleted: its history is theirs
            case PAYMENT -> payments.findById(id).filter(p -> p.payerId().equals(userId) || p.payeeId().equals(userId)).isPresent();
            // ended schedules and undone or cancelled imports keep their row, so their history stays readable
            case RECURRING -> recurring.existsByRecurringIdAndOwnerId(id, userId);
            case IMPORT -> imports.existsByImportIdAndOwnerId(id, userId);
        };
        if (!visible) {
            throw new NotFoundException(kind.name().toLowerCase(), id);
        }
        return kind;
    }

    /**
     * An instant, or a day: its start, or (for an end) the end of that day in the user's time zone. Either lies in the
     * years 0001 to 9999 (UTC): snapshots are found by comparing Axon's text form of instants, which sorts only with
     * four-digit years, so {@code +10000-…} would pass every snapshot by and fold the whole history.
     */
    private Instant moment(String parameter, String text, String userId, boolean endOfDay) {
        try {
            return Dates.check(parameter, Instant.parse(text));
        } catch (DateTimeParseException notAnInstant) {
            LocalDate day;
            try {
                day = Dates.check(parameter, LocalDate.parse(text));
            } catch (DateTimeParseException notADate) {
                throw new InvalidQuery(parameter, "must be an instant such as 2026-11-20T18:00:00Z or a day such as 2026-11-20");
            }
            ZoneId zone = users.zoneOf(userId);
            return Dates.check(parameter, endOfDay ? day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1) : day.atStartOfDay(zone).toInstant());
        }
    }

    private static long afterCursor(String text, String id) {
        Cursor cursor = Cursor.decode(text);
        try {
            if (!cursor.id().equals(id)) {
                throw new NumberFormatException();
            }
            return Long.parseLong(cursor.value()) + 1;
        } catch (NumberFormatException e) {
            throw new InvalidQuery("cursor", "is not a cursor this API returned");
        }
    }

    /** Only the events of the audited kind: guards against an id that names a different kind of aggregate. */
    private static boolean relevant(AuditKind kind, DomainEventMessage<?> m) {
        return AuditKind.ofEvent(m.getPayloadType()).filter(kind::equals).isPresent();
    }
}
