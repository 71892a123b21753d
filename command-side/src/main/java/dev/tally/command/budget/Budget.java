package dev.tally.command.budget;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import dev.tally.api.category.CategoryKind;
import dev.tally.command.category.CategoryDirectory;
import dev.tally.command.dispatch.CommandModel;
import dev.tally.api.budget.BudgetChanged;
import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetPeriod;
import dev.tally.api.budget.BudgetRemoved;
import dev.tally.api.budget.BudgetSpendingTracked;
import dev.tally.api.budget.BudgetThresholdReached;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.money.Money;
import dev.tally.command.dispatch.Amounts;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigInteger;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A spending limit per period for one category or for all spending. It remembers what each expense contributes to
 * which period, so tracking is absolute: a repeat changes nothing, a new date moves the contribution. It counts
 * expenses in its own currency only, dated from the first day of the period it was created in; each alert level is
 * raised at most once per period.
 */
@Aggregate(snapshotTriggerDefinition = Budget.SNAPSHOT_TRIGGER, cache = CommandModel.BUDGET_CACHE)
public class Budget {

    /** Budgets live for years and collect an event per expense: they load from a snapshot (configured in config). */
    public static final String SNAPSHOT_TRIGGER = "budgetSnapshotTrigger";
    /** The tracking processor of the process manager ({@code BudgetTracking}): its own token, so it can be replayed alone. */
    public static final String TRACKING_GROUP = "budget-tracking";
    static final List<Integer> DEFAULT_ALERT_LEVELS = List.of(50, 80, 100);

    @AggregateIdentifier
    private String budgetId;
    @DataSubject
    private String ownerId;
    @PersonalData
    private String name;
    private PeriodType period;
    private Money limit;
    private List<Integer> alertLevels;
    private String timeZone;
    private LocalDate firstDay;
    private boolean removed;
    /** Per transaction: the period start it counts in and how much (only non-zero contributions). */
    private Map<String, Contribution> contributions = new HashMap<>();
    /** Per period key: spent in minor units. */
    private Map<String, Long> spentByPeriod = new HashMap<>();
    /** Per period key: the alert levels already raised. */
    private Map<String, Set<Integer>> levelsReached = new HashMap<>();

    protected Budget() {
    }

    @CommandHandler
    public Budget(CreateBudget command, CategoryDirectory categories) {
        apply(new BudgetCreated(command.budgetId(), command.ownerId(), requireName(command.name()),
                requireSpendingCategory(command.ownerId(), command.categoryId(), categories),
                requirePeriod(command.period()), requirePositive(command.limit()),
                requireLevels(command.alertLevels() == null ? DEFAULT_ALERT_LEVELS : command.alertLevels()),
                requireTimeZone(command.timeZone())));
    }

    /** Changing the limit or the levels can reach a level in the current period at once. */
    @CommandHandler
    public long handle(ChangeBudget command, Clock clock) {
        requireOwner(command.actorId());
        String newName = command.name() == null ? name : requireName(command.name());
        Money newLimit = command.limit() == null ? limit : requirePositive(Amounts.parse(command.limit(), limit.currency(), "limit"));
        List<Integer> newLevels = command.alertLevels() == null ? alertLevels : requireLevels(command.alertLevels());
        if (!newName.equals(name) || !newLimit.equals(limit) || !newLevels.equals(alertLevels)) {
            apply(new BudgetChanged(budgetId, ownerId, newName, newLimit, newLevels));
            raiseReachedLevels(BudgetPeriod.containing(period, LocalDate.now(clock.withZone(ZoneId.of(timeZone)))));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(RemoveBudget command) {
        requireOwner(command.actorId());
        apply(new BudgetRemoved(budgetId, ownerId));
        return getVersion();
    }

    @CommandHandler
    public void handle(TrackBudgetSpending command) {
        if (removed) {
            return; // a removed budget tracks nothing more; the process manager may not know yet
        }
        BudgetPeriod target = BudgetPeriod.containing(period, command.date());
        long counted = counts(command) ? command.amount().minorUnits() : 0;
        Contribution before = contributions.get(command.transactionId());
        if (before != null && !before.periodStart().equals(target.start())) {
            track(new BudgetPeriod(period, before.periodStart()), command.transactionId(), 0); // it left that period
            before = null;
        }
        if ((before == null ? 0 : before.minorUnits()) != counted) {
            track(target, command.transactionId(), counted);
            raiseReachedLevels(target);
        }
    }

    /** The first day a budget counts: the start of the period, in the owner's time zone, in which it was created. */
    static LocalDate firstDay(PeriodType period, Instant createdAt, String timeZone) {
        return BudgetPeriod.containing(period, LocalDate.ofInstant(createdAt, ZoneId.of(timeZone))).start();
    }

    private boolean counts(TrackBudgetSpending command) {
        return command.amount().currency().equals(limit.currency()) && !command.date().isBefore(firstDay);
    }

    private void track(BudgetPeriod target, String transactionId, long contribution) {
        Contribution before = contributions.get(transactionId);
        long previous = before != null && before.periodStart().equals(target.start()) ? before.minorUnits() : 0;
        long spent = saturated(spentIn(target) - previous, contribution);
        apply(new BudgetSpendingTracked(budgetId, ownerId, target.key(), target.start(), transactionId,
                money(contribution), money(spent), limit));
    }

    /**
     * Spending past what a long holds stays at the most it holds: only thousands of the largest amounts reach it, and a
     * thrown overflow would stop the tracking of every budget, retried for ever.
     */
    private static long saturated(long spent, long contribution) {
        try {
            return Math.addExact(spent, contribution);
        } catch (ArithmeticException e) {
            return contribution > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    private void raiseReachedLevels(BudgetPeriod target) {
        long spent = spentIn(target);
        for (int level : alertLevels) {
            if (reaches(spent, level) && !levelsReached.getOrDefault(target.key(), Set.of()).contains(level)) {
                apply(new BudgetThresholdReached(budgetId, ownerId, target.key(), level, money(spent), limit));
            }
        }
    }

    /** spent * 100 >= limit * level, exactly, in minor units. */
    private boolean reaches(long spent, int level) {
        return BigInteger.valueOf(spent).multiply(BigInteger.valueOf(100))
                .compareTo(BigInteger.valueOf(limit.minorUnits()).multiply(BigInteger.valueOf(level))) >= 0;
    }

    private long spentIn(BudgetPeriod target) {
        return spentByPeriod.getOrDefault(target.key(), 0L);
    }

    private Money money(long minorUnits) {
        return new Money(minorUnits, limit.currency());
    }

    private void requireOwner(String actorId) {
        if (removed || !ownerId.equals(actorId)) {
            throw new NotFoundException("budget", budgetId);
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.trim().length() > 100) {
            throw new RuleViolation("invalid_name", "name", "A budget needs a name of 1 to 100 characters.");
        }
        return name.trim();
    }

    /** A budget of one category counts what is spent in it: one of the owner's own live categories of spending. */
    private static String requireSpendingCategory(String ownerId, String categoryId, CategoryDirectory categories) {
        if (categoryId != null) {
            categories.refusal(ownerId, categoryId, CategoryKind.EXPENSE).ifPresent(why -> {
                throw new RuleViolation("invalid_category", "categoryId", why);
            });
        }
        return categoryId;
    }

    private static PeriodType requirePeriod(PeriodType period) {
        if (period == null) {
            throw new RuleViolation("invalid_period", "period", "The period must be WEEKLY, MONTHLY or YEARLY.");
        }
        return period;
    }

    private static Money requirePositive(Money limit) {
        if (limit == null || !limit.isPositive()) {
            throw new RuleViolation("invalid_limit", "limit", "The limit must be more than zero.");
        }
        return limit;
    }

    /** Each level a whole percent from 1 to 1000, no level twice; kept in ascending order so alerts come lowest first. */
    private static List<Integer> requireLevels(List<Integer> levels) {
        if (levels.stream().anyMatch(level -> level == null || level < 1 || level > 1000)) {
            throw new RuleViolation("invalid_alert_levels", "alertLevels", "Each alert level must be a whole percent from 1 to 1000.");
        }
        if (new HashSet<>(levels).size() != levels.size()) {
            throw new RuleViolation("invalid_alert_levels", "alertLevels", "Each alert level may appear only once.");
        }
        List<Integer> sorted = new ArrayList<>(levels); // a mutable list: Jackson snapshots cannot rebuild List.of
        sorted.sort(null);
        return sorted;
    }

    private static String requireTimeZone(String timeZone) {
        try {
            return ZoneId.of(timeZone).getId();
        } catch (DateTimeException | NullPointerException e) {
            throw new RuleViolation("invalid_time_zone", "timeZone", "The time zone must be an IANA name such as Europe/Berlin or UTC.");
        }
    }

    @EventSourcingHandler
    void on(BudgetCreated event, @Timestamp Instant createdAt) {
        budgetId = event.budgetId();
        ownerId = event.ownerId();
        name = event.name();
        period = event.period();
        limit = event.limit();
        alertLevels = new ArrayList<>(event.alertLevels());
        timeZone = event.timeZone();
        firstDay = firstDay(event.period(), createdAt, event.timeZone());
    }

    @EventSourcingHandler
    void on(BudgetChanged event) {
        name = event.name();
        limit = event.limit();
        alertLevels = new ArrayList<>(event.alertLevels());
    }

    @EventSourcingHandler
    void on(BudgetRemoved event) {
        removed = true;
    }

    @EventSourcingHandler
    void on(BudgetSpendingTracked event) {
        if (event.contribution().isZero()) {
            contributions.remove(event.transactionId());
        } else {
            contributions.put(event.transactionId(), new Contribution(event.periodStart(), event.contribution().minorUnits()));
        }
        spentByPeriod.put(event.period(), event.spent().minorUnits());
    }

    @EventSourcingHandler
    void on(BudgetThresholdReached event) {
        levelsReached.computeIfAbsent(event.period(), key -> new HashSet<>()).add(event.level());
    }

    /** What one transaction adds to one period. */
    record Contribution(LocalDate periodStart, long minorUnits) {
    }
}
