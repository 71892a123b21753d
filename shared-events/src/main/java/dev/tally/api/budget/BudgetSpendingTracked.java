package dev.tally.api.budget;

import dev.tally.api.money.Money;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** What one transaction now contributes to a budget period ({@code contribution}, zero once it left), and the period's new total. */
@Revision("1")
public record BudgetSpendingTracked(String budgetId, String ownerId, String period, LocalDate periodStart, String transactionId, Money contribution, Money spent, Money limit) {
}
