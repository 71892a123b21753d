package dev.tally.query.audit;

import java.util.Arrays;
import java.util.Optional;

/** What can be audited; the path names it in lower case ({@code /audit/transaction/{id}/events}). */
public enum AuditKind {
    ACCOUNT, TRANSACTION, BUDGET;

    static Optional<AuditKind> of(String path) {
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(path)).findFirst();
    }
}
