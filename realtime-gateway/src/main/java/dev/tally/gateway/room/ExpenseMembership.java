package dev.tally.gateway.room;

/** Whether a user may join an expense's room: its owner or a participant. Decided by the query side's read model. */
public interface ExpenseMembership {

    boolean isMember(String userId, String expenseId);
}
