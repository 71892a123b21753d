package dev.tally.api.expense;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The expense is now split this way (replacing any earlier split); the shares always sum to the expense amount. */
@Revision("1")
public record ExpenseShared(String transactionId, String ownerId, SplitMethod method, List<Share> shares) {
}
