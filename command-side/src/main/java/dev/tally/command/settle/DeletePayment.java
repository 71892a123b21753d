package dev.tally.command.settle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeletePayment(@TargetAggregateIdentifier String paymentId, String actorId, @TargetAggregateVersion Long expectedVersion) {
}
