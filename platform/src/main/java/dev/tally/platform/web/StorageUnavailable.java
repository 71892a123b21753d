package dev.tally.platform.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * The database could not be reached (a restart, a failover, a lost connection): a passing condition, answered 503 with
 * {@code Retry-After}, not a server error. A commit that failed this way may or may not have been recorded, so the
 * answer tells the client to retry with the same {@code Idempotency-Key}, which then tells it which.
 */
final class StorageUnavailable {

    private StorageUnavailable() {
    }

    static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
                    || cause instanceof SQLRecoverableException || cause instanceof SQLTransientException) {
                return true;
            }
            // connection exceptions (08…) and the server shutting down or starting up (57P01–57P03)
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
