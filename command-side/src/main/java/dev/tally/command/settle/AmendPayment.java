package dev.tally.command.settle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;

/** Null fields stay as they are; {@code amount} is a decimal in the payment's currency. */
public record AmendPayment(@TargetAggregateIdentifier String paymentId, String actorId, @TargetAggregateVersion Long expectedVersion,
                           String amount, LocalDate date, String note) {
}
