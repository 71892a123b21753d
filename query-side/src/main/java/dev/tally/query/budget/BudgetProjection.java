package dev.tally.query.budget;

import dev.tally.api.budget.BudgetChanged;
import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetPeriod;
import dev.tally.api.budget.BudgetRemoved;
import dev.tally.api.budget.BudgetSpendingTracked;
import dev.tally.api.budget.BudgetThresholdReached;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.notification.Inbox;
import dev.tally.query.notification.NotificationTypes;
import dev.tally.query.projection.ReadModelTables;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Budgets and the spending of their periods, as the command side's budget tracking reports them. */
@Component
@ReadModelTables({"budget_view", "budget_period_view"})
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class BudgetProjection {

    private final BudgetRepository budgets;
    private final BudgetPeriodSpendingRepository periods;
    private final BudgetViews views;
    private final Inbox inbox;
    private final ReadModelChange change;

    public BudgetProjection(BudgetRepository budgets, BudgetPeriodSpendingRepository periods, BudgetViews views, Inbox inbox,
                            ReadModelChange change) {
        this.budgets = budgets;
        this.periods = periods;
        this.views = views;
        this.inbox = inbox;
        this.change = change;
    }

    @EventHandler
    void on(BudgetCreated event, TrackingToken token) {
        change.apply(token, () -> {
            if (budgets.findById(event.budgetId()).isPresent()) {
                return List.of();
            }
            Budget budget = budgets.save(new Budget(event.budgetId(), event.ownerId(), event.name(), event.categoryId(), event.period(),
                    event.limit(), event.alertLevels(), event.timeZone(), ReadModelChange.index(token)));
            return List.of(views.update(budget, null));
        });
    }

    @EventHandler
    void on(BudgetChanged event, TrackingToken token) {
        change(event.budgetId(), token, budget -> {
            budget.changed(event.name(), event.limit(), event.alertLevels(), ReadModelChange.index(token));
            return List.of(views.update(budget, null));
        });
    }

    @EventHandler
    void on(BudgetRemoved event, TrackingToken token) {
        change(event.budgetId(), token, budget -> {
            budget.removed(ReadModelChange.index(token));
            return List.of(views.update(budget, null));
        });
    }

    @EventHandler
    void on(BudgetSpendingTracked event, TrackingToken token) {
        change(event.budgetId(), token, budget -> {
            BudgetPeriodSpending row = row(budget, event.period());
            row.spent(event.spent().minorUnits());
            budget.saw(ReadModelChange.index(token));
            periods.flush();
            return List.of(views.update(budget, new BudgetPeriod(budget.periodType(), row.periodStart())));
        });
    }

    @EventHandler
    void on(BudgetThresholdReached event, TrackingToken token, @Timestamp Instant at) {
        change(event.budgetId(), token, budget -> {
            long index = ReadModelChange.index(token);
            BudgetPeriodSpending row = row(budget, event.period());
            row.spent(event.spent().minorUnits());
            row.reached(event.level());
            budget.saw(index);
            periods.flush();
            FeedUpdate notification = inbox.notify(index, budget.ownerId(), NotificationTypes.BUDGET_THRESHOLD,
                    "%d%% of %s reached".formatted(event.level(), budget.name()),
                    "You have spent %s of %s in %s (%d%% of the budget).".formatted(event.spent(), event.limit(), event.period(), event.level()),
                    Map.of("budgetId", budget.budgetId(), "period", event.period(), "level", event.level(),
                            "spent", event.spent(), "limit", event.limit()), at);
            return List.of(views.update(budget, new BudgetPeriod(budget.periodType(), row.periodStart())), notification);
        });
    }

    private BudgetPeriodSpending row(Budget budget, String period) {
        return periods.findById(new BudgetPeriodSpending.Key(budget.budgetId(), period)).orElseGet(() ->
                periods.save(new BudgetPeriodSpending(budget.budgetId(), period, BudgetViews.period(budget.periodType(), period).start())));
    }

    private void change(String budgetId, TrackingToken token, Function<Budget, List<FeedUpdate>> mutation) {
        change.apply(token, () -> {
            Budget budget = budgets.findById(budgetId).orElseThrow(() -> new IllegalStateException("event for unknown budget " + budgetId));
            return budget.accepts(ReadModelChange.index(token)) ? mutation.apply(budget) : List.of();
        });
    }
}
