package dev.tally.command.settle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DisputePayment(@TargetAggregateIdentifier String paymentId, String actorId, String reason) {
}
