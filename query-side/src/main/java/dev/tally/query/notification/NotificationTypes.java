package dev.tally.query.notification;

/** The {@code type} of a notification. */
public final class NotificationTypes {

    public static final String BUDGET_THRESHOLD = "budget_threshold";
    public static final String EXPENSE_SHARED = "expense_shared";
    public static final String COMMENT = "comment";
    public static final String PAYMENT_RECORDED = "payment_recorded";
    public static final String PAYMENT_DISPUTED = "payment_disputed";
    public static final String RECURRING = "recurring";

    private NotificationTypes() {
    }
}
