package dev.tally.query.feed;

import dev.tally.api.feed.FeedEvents;
import dev.tally.query.budget.BudgetUpdate;
import dev.tally.query.expense.ExpenseView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A feed update takes its state key from its event's declaration and its payload, without Spring. */
class FeedUpdateTest {

    @Test
    void theStateKeyComesFromTheDeclarationAndThePayload() {
        FeedUpdate removed = new FeedUpdate("bob", FeedEvents.EXPENSE_DELETED, new ExpenseView.Removed("e1", "unshared"));
        assertThat(removed.stateKey()).isEqualTo("e1");
        assertThat(removed.isState()).isFalse();

        FeedUpdate budget = new FeedUpdate("alice", FeedEvents.BUDGET_UPDATED,
                new BudgetUpdate("b1", "Food", "2026-11", null, null, null, 0, List.of(), false));
        assertThat(budget.stateKey()).isEqualTo("b1|2026-11");
    }

    @Test
    void aStateUpdateIsComputedOnlyWhenAsked() {
        int[] computed = {0};
        FeedUpdate month = FeedUpdate.state("alice", FeedEvents.DASHBOARD_UPDATED, "2026-11", () -> {
            computed[0]++;
            return null;
        });
        assertThat(month.isState()).isTrue();
        assertThat(month.stateKey()).isEqualTo("2026-11");
        assertThat(computed[0]).isZero();
    }
}
