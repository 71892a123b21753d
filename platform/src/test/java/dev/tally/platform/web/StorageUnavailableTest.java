package dev.tally.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A database out of reach is a 503 to retry, however deep the cause; anything else unexpected stays a 500. */
class StorageUnavailableTest {

    private final ProblemAdvice advice = new ProblemAdvice();

    @Test
    void aLostConnectionOrAServerShuttingDownIs503WithRetryAfter() {
        for (Exception e : new Exception[]{
                new TransactionSystemException("JDBC commit failed", new SQLException("An I/O error occurred", "08006")),
                new IllegalStateException("wrapped", new RuntimeException(new SQLException("terminating connection", "57P01"))),
                new org.springframework.jdbc.CannotGetJdbcConnectionException("no connection")}) {
            ResponseEntity<ProblemDetail> answer = advice.unexpected(e);
            assertThat(answer.getStatusCode().value()).as(e.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "storage_unavailable");
        }
    }

    @Test
    void otherFailuresAreStill500() {
        ResponseEntity<ProblemDetail> answer = advice.unexpected(new IllegalStateException("a bug", new SQLException("duplicate", "23505")));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "internal_error");
    }
}
