package dev.tally.command.expense;

import dev.tally.api.expense.SplitMethod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/** Shares the expense among members of a group, where it then counts in the group's balances. */
public record ShareExpenseInGroup(@TargetAggregateIdentifier String transactionId, String actorId, @TargetAggregateVersion Long expectedVersion,
                                  String groupId, SplitMethod method, List<SplitPart> parts) {
}
