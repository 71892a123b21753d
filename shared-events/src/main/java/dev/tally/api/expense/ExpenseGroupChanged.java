package dev.tally.api.expense;

import org.axonframework.serialization.Revision;

/** The shared expense now belongs to group {@code groupId} (null: to no group), so it counts in that group's balances. */
@Revision("1")
public record ExpenseGroupChanged(String transactionId, String ownerId, String groupId) {
}
