package dev.tally.query.audit;

import dev.tally.platform.web.NotFoundException;
import dev.tally.query.account.AccountRepository;
import dev.tally.query.budget.BudgetRepository;
import dev.tally.query.expense.ExpenseMembers;
import dev.tally.query.identity.UserRepository;
import dev.tally.query.web.InvalidQuery;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.DateTimeException;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * History straight from the event store (not from read models), so an audit shows what was recorded. Each thing's
 * events are those of the aggregate with its id. Only someone who may see the thing now may read its history.
 */
@Component
public class AuditTrail {

    private final EventStorageEngine storage;
    private final AccountRepository accounts;
    private final BudgetRepository budgets;
    private final ExpenseMembers members;
    private final UserRepository users;
    private final Clock clock;

    public AuditTrail(EventStorageEngine storage, AccountRepository accounts, BudgetRepository budgets, ExpenseMembers members,
                      UserRepository users, Clock clock) {
        this.storage = storage;
        this.accounts = accounts;
        this.budgets = budgets;
        this.members = members;
        this.users = users;
        this.clock = clock;
    }

    public List<AuditEvent> events(String kindPath, String id, String userId) {
        AuditKind kind = visible(kindPath, id, userId);
        return stored(id).stream().filter(m -> relevant(kind, m)).map(AuditTrail::event).toList();
    }

    public AuditState state(String kindPath, String id, String asOfText, String userId) {
        AuditKind kind = visible(kindPath, id, userId);
        Instant asOf = asOf(asOfText, userId);
        Object state = null;
        Long version = null;
        for (DomainEventMessage<?> m : stored(id)) {
            if (m.getTimestamp().isAfter(asOf)) {
                break;
            }
            Object next = HistoricStates.fold(kind, state, m.getPayload());
            if (next != null) {
                state = next;
                version = m.getSequenceNumber();
            }
        }
        return new AuditState(kind.name().toLowerCase(), id, asOf, state != null, state == null ? null : version, state);
    }

    private AuditKind visible(String kindPath, String id, String userId) {
        AuditKind kind = AuditKind.of(kindPath).orElseThrow(() -> new InvalidQuery("kind", "must be account, transaction or budget"));
        boolean visible = switch (kind) {
            case ACCOUNT -> accounts.findByAccountIdAndOwnerId(id, userId).isPresent();
            case TRANSACTION -> members.isMember(id, userId);
            case BUDGET -> budgets.findById(id).filter(b -> b.ownerId().equals(userId)).isPresent();
        };
        if (!visible) {
            throw new NotFoundException(kind.name().toLowerCase(), id);
        }
        return kind;
    }

    /** An instant, or a day: the end of that day in the user's time zone. Absent: now. */
    private Instant asOf(String text, String userId) {
        if (text == null || text.isBlank()) {
            return clock.instant();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                ZoneId zone = users.zoneOf(userId);
                return LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
            } catch (DateTimeParseException notADate) {
                throw new InvalidQuery("asOf", "must be an instant such as 2026-11-20T18:00:00Z or a day such as 2026-11-20");
            } catch (DateTimeException outOfRange) { // +999999999-12-31: a day whose end is past the last instant there is
                throw new InvalidQuery("asOf", "must be a day between -999999999-01-01 and +999999999-12-30");
            }
        }
    }

    private List<? extends DomainEventMessage<?>> stored(String id) {
        return storage.readEvents(id).asStream().toList();
    }

    /** Only the events of the audited kind: guards against an id that names a different kind of aggregate. */
    private static boolean relevant(AuditKind kind, DomainEventMessage<?> m) {
        String pkg = m.getPayloadType().getPackageName();
        return switch (kind) {
            case ACCOUNT -> pkg.endsWith(".account");
            case TRANSACTION -> pkg.endsWith(".expense");
            case BUDGET -> pkg.endsWith(".budget");
        };
    }

    private static AuditEvent event(DomainEventMessage<?> m) {
        return new AuditEvent(m.getSequenceNumber(), m.getPayloadType().getSimpleName(), m.getTimestamp(),
                (String) m.getMetaData().get("userId"), (String) m.getMetaData().get("correlationId"), m.getPayload());
    }
}
