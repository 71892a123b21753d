package dev.tally.command.budget;

import dev.tally.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Sent by {@link BudgetTracking} only: what one expense now contributes (its amount on its date, or zero once it no longer counts). */
public record TrackBudgetSpending(@TargetAggregateIdentifier String budgetId, String transactionId, LocalDate date, Money amount) {
}
