package dev.tally.query.audit;

import java.util.Arrays;
import java.util.Optional;

/** What can be audited; the path names it in lower case ({@code /audit/transaction/{id}/events}). */
public enum AuditKind {
    ACCOUNT, TRANSACTION, BUDGET, PAYMENT, RECURRING, IMPORT;

    static Optional<AuditKind> of(String path) {
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(path)).findFirst();
    }

    /** The kind an event's aggregate is, by the published language's package; empty for things not audited. */
    static Optional<AuditKind> ofEvent(Class<?> eventType) {
        String pkg = eventType.getPackageName();
        if (pkg.endsWith(".account")) {
            return Optional.of(ACCOUNT);
        }
        if (pkg.endsWith(".expense")) {
            return Optional.of(TRANSACTION);
        }
        if (pkg.endsWith(".settle")) {
            return Optional.of(PAYMENT);
        }
        if (pkg.endsWith(".recurring")) {
            return Optional.of(RECURRING);
        }
        if (pkg.endsWith(".importing")) {
            return Optional.of(IMPORT);
        }
        return pkg.endsWith(".budget") ? Optional.of(BUDGET) : Optional.empty();
    }
}
