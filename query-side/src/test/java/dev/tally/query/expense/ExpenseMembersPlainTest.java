package dev.tally.query.expense;

import dev.tally.query.support.PlainReadSide;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may see an expense (and join its room), kept by plain SQL inside the change: in plain JUnit, on PostgreSQL. */
class ExpenseMembersPlainTest {

    @RegisterExtension
    static final PlainReadSide readSide = new PlainReadSide();
    private static ExpenseMembers members;

    @BeforeAll
    static void start() {
        members = new ExpenseMembers(readSide.jdbc(), readSide.change());
    }

    private static void inChange(long index, Runnable work) {
        readSide.inTransaction(() -> readSide.change().apply(new GlobalSequenceTrackingToken(index), () -> {
            work.run();
            return List.of();
        }));
    }

    private static boolean member(String expense, String user) {
        return readSide.inTransaction(() -> members.isMember(expense, user));
    }

    @Test
    void theOwnerAndParticipantsAreMembersAndAReplacementDropsWhoeverLeft() {
        String expense = "e-" + UUID.randomUUID();
        inChange(1, () -> members.add(expense, List.of("alice", "alice", "bob")));
        assertThat(member(expense, "alice")).isTrue();
        assertThat(member(expense, "bob")).isTrue();
        assertThat(member(expense, "mallory")).isFalse();

        inChange(2, () -> members.replace(expense, List.of("alice", "carol")));
        assertThat(member(expense, "bob")).isFalse();
        assertThat(member(expense, "carol")).isTrue();
        assertThat(readSide.count("SELECT COUNT(*) FROM expense_member WHERE expense_id = ?", expense)).isEqualTo(2);
        assertThat(member("e-no-such-expense", "alice")).isFalse();
    }
}
