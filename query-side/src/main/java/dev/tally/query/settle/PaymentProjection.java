package dev.tally.query.settle;

import dev.tally.api.settle.PaymentAmended;
import dev.tally.api.settle.PaymentDeleted;
import dev.tally.api.settle.PaymentDisputed;
import dev.tally.api.settle.PaymentRecorded;
import dev.tally.query.expense.ExpenseViews;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.group.GroupProjection;
import dev.tally.query.notification.Inbox;
import dev.tally.query.notification.NotificationTypes;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.projection.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Payments: the payer and the payee each get the payment as it stands, the payee is told of it, the payer of a dispute. */
@Component
@ProcessingGroup(ProjectionGroups.READ_MODELS)
@ReadModelTables("payment_view")
public class PaymentProjection {

    private final PaymentRepository payments;
    private final ExpenseViews views;
    private final Inbox inbox;
    private final GroupProjection groups;
    private final ReadModelChange change;

    public PaymentProjection(PaymentRepository payments, ExpenseViews views, Inbox inbox, GroupProjection groups, ReadModelChange change) {
        this.payments = payments;
        this.views = views;
        this.inbox = inbox;
        this.groups = groups;
        this.change = change;
    }

    @EventHandler
    void on(PaymentRecorded event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> {
            long index = ReadModelChange.index(token);
            if (payments.findById(event.paymentId()).isPresent()) {
                return List.of();
            }
            Payment p = payments.save(new Payment(event.paymentId(), event.payerId(), event.payeeId(), event.amount(), event.groupId(),
                    event.date(), event.note(), event.transactionId(), at, index));
            List<FeedUpdate> updates = updates(p);
            String payer = views.names(List.of(p.payerId())).getOrDefault(p.payerId(), "Someone");
            updates.add(inbox.notify(index, p.payeeId(), NotificationTypes.PAYMENT_RECORDED, "Payment recorded",
                    "%s recorded paying you %s.".formatted(payer, p.amount()), Map.of("paymentId", p.paymentId(), "payerId", p.payerId(),
                            "amount", p.amount()), at));
            return updates;
        });
    }

    @EventHandler
    void on(PaymentAmended event, TrackingToken token, @Timestamp Instant at) {
        changePayment(event.paymentId(), token, p -> p.amended(event.amount(), event.date(), event.note(), at, ReadModelChange.index(token)));
    }

    @EventHandler
    void on(PaymentDisputed event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> payments.findById(event.paymentId()).filter(p -> p.accepts(ReadModelChange.index(token))).map(p -> {
            long index = ReadModelChange.index(token);
            p.disputed(event.reason(), at, index);
            List<FeedUpdate> updates = updates(p);
            String payee = views.names(List.of(p.payeeId())).getOrDefault(p.payeeId(), "Someone");
            updates.add(inbox.notify(index, p.payerId(), NotificationTypes.PAYMENT_DISPUTED, "Payment disputed",
                    "%s disputes your payment of %s: %s".formatted(payee, p.amount(), event.reason()),
                    Map.of("paymentId", p.paymentId(), "payeeId", p.payeeId()), at));
            return updates;
        }).orElse(List.of()));
    }

    @EventHandler
    void on(PaymentDeleted event, TrackingToken token, @Timestamp Instant at) {
        changePayment(event.paymentId(), token, p -> p.deleted(at, ReadModelChange.index(token)));
    }

    private void changePayment(String paymentId, TrackingToken token, Consumer<Payment> changeIt) {
        change.apply(token, () -> payments.findById(paymentId).filter(p -> p.accepts(ReadModelChange.index(token))).map(p -> {
            changeIt.accept(p);
            return updates(p);
        }).orElse(List.<FeedUpdate>of()));
    }

    /** The payment as it stands at commit to both sides, and its group as it stands to the group's members. */
    public List<FeedUpdate> updates(Payment p) {
        List<FeedUpdate> updates = new ArrayList<>();
        for (String user : List.of(p.payerId(), p.payeeId())) {
            updates.add(FeedUpdate.state(user, FeedEvents.PAYMENT_UPDATED, p.paymentId(),
                    () -> PaymentView.of(p, views.names(List.of(p.payerId(), p.payeeId())))));
        }
        if (p.groupId() != null) {
            updates.addAll(groups.toMembers(p.groupId()));
        }
        return updates;
    }
}
