package dev.tally.query.settle;

import dev.tally.api.feed.FeedEvents;
import dev.tally.api.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A payment as its payer and payee see it; {@code counts} is false while it is disputed or once deleted. */
public record PaymentView(String id, String payerId, String payerName, String payeeId, String payeeName, Money amount, String groupId,
                          LocalDate date, String note, String transactionId, boolean disputed, String disputeReason, boolean deleted,
                          boolean counts, Instant recordedAt, Instant updatedAt) implements FeedEvents.AboutPayment {

    public static PaymentView of(Payment p, Map<String, String> names) {
        return new PaymentView(p.paymentId(), p.payerId(), names.get(p.payerId()), p.payeeId(), names.get(p.payeeId()), p.amount(),
                p.groupId(), p.date(), p.note(), p.transactionId(), p.disputed(), p.disputeReason(), p.deleted(),
                !p.disputed() && !p.deleted(), p.recordedAt(), p.updatedAt());
    }
}
