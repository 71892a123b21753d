package dev.tally.api.feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The feed events, each declared once: the query side writes entries from these declarations and the gateway coalesces
 * by them, so a new feed event is one line here (and a payload type implementing its interface below). The client's
 * view of them is {@code docs/protocol.md}.
 */
public final class FeedEvents {

    private static final Map<String, FeedEvent<?>> BY_NAME = new LinkedHashMap<>();

    public static final FeedEvent<AboutExpense> EXPENSE_CREATED = event("expense:created", AboutExpense.class, AboutExpense::id);
    public static final FeedEvent<AboutExpense> EXPENSE_UPDATED = event("expense:updated", AboutExpense.class, AboutExpense::id);
    /** Also what a former participant receives when an expense is no longer shared with them. */
    public static final FeedEvent<AboutExpense> EXPENSE_DELETED = event("expense:deleted", AboutExpense.class, AboutExpense::id);
    public static final FeedEvent<AboutAccount> BALANCE_UPDATED = event("balance:updated", AboutAccount.class, AboutAccount::accountId);
    public static final FeedEvent<AboutMonth> DASHBOARD_UPDATED = coalescing("dashboard:updated", AboutMonth.class, AboutMonth::month);
    public static final FeedEvent<AboutBudgetPeriod> BUDGET_UPDATED = coalescing("budget:updated", AboutBudgetPeriod.class,
            b -> b.budgetId() + "|" + b.period());
    public static final FeedEvent<AboutNotification> NOTIFICATION = event("notification", AboutNotification.class, AboutNotification::id);
    /** Another device of the user marked notifications read, so badges agree everywhere. */
    public static final FeedEvent<AboutInbox> NOTIFICATION_READ = event("notification:read", AboutInbox.class, read -> "inbox");
    /** A category was created, renamed or archived. */
    public static final FeedEvent<AboutCategory> CATEGORY_UPDATED = event("category:updated", AboutCategory.class, AboutCategory::id);
    /** A group the user is a member of, as it stands (members, invitations, balances, settle-up transfers). */
    public static final FeedEvent<AboutGroup> GROUP_UPDATED = coalescing("group:updated", AboutGroup.class, AboutGroup::id);
    /** The user left or was removed from a group: it is gone for them. */
    public static final FeedEvent<AboutGroup> GROUP_REMOVED = event("group:removed", AboutGroup.class, AboutGroup::id);
    /** A payment the user made or received, as it stands (recorded, amended, disputed, deleted). */
    public static final FeedEvent<AboutPayment> PAYMENT_UPDATED = coalescing("payment:updated", AboutPayment.class, AboutPayment::id);
    /** A recurring transaction was set up or changed, or recorded an occurrence. */
    public static final FeedEvent<AboutRecurring> RECURRING_UPDATED = event("recurring:updated", AboutRecurring.class, AboutRecurring::id);
    /** An import job started or recorded a chunk: how far it stands, so consecutive ones coalesce. */
    public static final FeedEvent<AboutImport> IMPORT_PROGRESS = coalescing("import:progress", AboutImport.class, AboutImport::id);
    /** A bank file was imported: its counts and refused rows (the transactions come as expense:created). */
    public static final FeedEvent<AboutImport> IMPORT_FINISHED = event("import:finished", AboutImport.class, AboutImport::id);
    /** An import job was cancelled (what it had recorded comes as expense:deleted). */
    public static final FeedEvent<AboutImport> IMPORT_CANCELLED = event("import:cancelled", AboutImport.class, AboutImport::id);
    /** An import was undone (its transactions come as expense:deleted). */
    public static final FeedEvent<AboutImport> IMPORT_UNDONE = event("import:undone", AboutImport.class, AboutImport::id);
    /** The currency the user's figures are also reported in was set (or defaulted from the first account): re-read them. */
    public static final FeedEvent<AboutUser> HOME_CURRENCY_UPDATED = coalescing("home-currency:updated", AboutUser.class, AboutUser::id);

    private FeedEvents() {
    }

    /** Every feed event, in declaration order. */
    public static List<FeedEvent<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<FeedEvent<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Whether entries named {@code name} coalesce; an unknown name (a newer writer) does not. */
    public static boolean coalesces(String name) {
        return named(name).map(FeedEvent::coalesces).orElse(false);
    }

    private static <P> FeedEvent<P> event(String name, Class<P> payload, Function<? super P, String> stateKey) {
        return declare(new FeedEvent<>(name, payload, false, stateKey));
    }

    private static <P> FeedEvent<P> coalescing(String name, Class<P> payload, Function<? super P, String> stateKey) {
        return declare(new FeedEvent<>(name, payload, true, stateKey));
    }

    private static <P> FeedEvent<P> declare(FeedEvent<P> event) {
        if (BY_NAME.putIfAbsent(event.name(), event) != null) {
            throw new IllegalStateException("feed event " + event.name() + " is declared twice");
        }
        return event;
    }

    // The payload types: what the contract needs of a payload. The records that implement them are the query side's.

    /** {@code expense:*}: an expense, income or transfer, or what a former participant learns of it. */
    public interface AboutExpense {
        String id();
    }

    /** {@code balance:updated}: an account's balance. */
    public interface AboutAccount {
        String accountId();
    }

    /** {@code dashboard:updated}: a month's figures ({@code 2026-11}). */
    public interface AboutMonth {
        String month();
    }

    /** {@code budget:updated}: one budget period's figures ({@code period} such as {@code 2026-11}, {@code 2026-W48}). */
    public interface AboutBudgetPeriod {
        String budgetId();

        String period();
    }

    /** {@code notification}: one notification. */
    public interface AboutNotification {
        String id();
    }

    /** {@code notification:read}: notifications now read, and how many stay unread. */
    public interface AboutInbox {
        List<String> ids();

        long unread();
    }

    /** {@code category:updated}: one category. */
    public interface AboutCategory {
        String id();
    }

    /** {@code group:*}: one group. */
    public interface AboutGroup {
        String id();
    }

    /** {@code payment:updated}: one payment. */
    public interface AboutPayment {
        String id();
    }

    /** {@code recurring:updated}: one recurring transaction. */
    public interface AboutRecurring {
        String id();
    }

    /** {@code import:*}: one import of a bank file. */
    public interface AboutImport {
        String id();
    }

    /** {@code home-currency:updated}: the user themself. */
    public interface AboutUser {
        String id();
    }
}
