package dev.tally.query.feed;

/** The feed event names query-side emits (see realtime-protocol.md); the gateway sends them to the client unchanged. */
public final class FeedEvents {

    public static final String EXPENSE_CREATED = "expense:created";
    public static final String EXPENSE_UPDATED = "expense:updated";
    public static final String EXPENSE_DELETED = "expense:deleted";
    public static final String BALANCE_UPDATED = "balance:updated";
    public static final String DASHBOARD_UPDATED = "dashboard:updated";
    public static final String BUDGET_UPDATED = "budget:updated";
    public static final String NOTIFICATION = "notification";
    /** Not in the protocol table: another device of the user marked notifications read, so badges agree everywhere. */
    public static final String NOTIFICATION_READ = "notification:read";
    /** Not in the protocol table: a category was created, renamed or archived. */
    public static final String CATEGORY_UPDATED = "category:updated";
    /** A recurring transaction was set up or changed, or recorded an occurrence: the recurring view. */
    public static final String RECURRING_UPDATED = "recurring:updated";
    /** An import job started or recorded a chunk: how far it is. */
    public static final String IMPORT_PROGRESS = "import:progress";
    /** A bank file was imported: its counts and refused rows (the transactions themselves come as expense:created). */
    public static final String IMPORT_FINISHED = "import:finished";
    /** An import job was cancelled (what it had recorded comes as expense:deleted). */
    public static final String IMPORT_CANCELLED = "import:cancelled";
    /** An import was undone (its transactions come as expense:deleted). */
    public static final String IMPORT_UNDONE = "import:undone";

    private FeedEvents() {
    }
}
