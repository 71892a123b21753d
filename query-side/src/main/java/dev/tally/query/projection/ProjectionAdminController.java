package dev.tally.query.projection;

import dev.tally.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * Operator endpoints, outside {@code /api} (user tokens mean nothing here): they need the configured
 * {@code tally.query.projections.admin-token} in {@code X-Admin-Token}, and do not exist when none is configured.
 */
@RestController
@RequestMapping("/admin/projections")
@Hidden
public class ProjectionAdminController {

    private final ProjectionRebuild rebuild;
    private final EventProcessingConfiguration processing;
    private final ProjectionProperties properties;
    private final ReadModelChange change;
    private final JdbcClient jdbc;

    public ProjectionAdminController(ProjectionRebuild rebuild, EventProcessingConfiguration processing, ProjectionProperties properties,
                                     ReadModelChange change, JdbcClient jdbc) {
        this.rebuild = rebuild;
        this.processing = processing;
        this.properties = properties;
        this.change = change;
        this.jdbc = jdbc;
    }

    @PostMapping("/rebuild")
    public ProjectionRebuild.Result rebuild(@RequestHeader(name = "X-Admin-Token", required = false) String token) {
        authorize(token);
        return rebuild.rebuild();
    }

    /** Retries the parked sequences of the dead-letter queue (after a fix), oldest first. */
    @PostMapping("/dead-letters/retry")
    public Map<String, Integer> retryDeadLetters(@RequestHeader(name = "X-Admin-Token", required = false) String token) {
        authorize(token);
        var processor = processing.sequencedDeadLetterProcessor(ProjectionGroups.READ_MODELS).orElseThrow();
        // a letter that fails again goes back to the queue whole: each event in a savepoint, never an optimistic batch
        int retried = change.eventByEvent(() -> {
            int sequences = 0;
            while (processor.processAny()) {
                sequences++;
            }
            return sequences;
        });
        return Map.of("retriedSequences", retried);
    }

    /** The parked sequences (one per owner), oldest first: how many events wait, and why the first was parked. */
    @GetMapping("/dead-letters")
    public List<Map<String, Object>> deadLetters(@RequestHeader(name = "X-Admin-Token", required = false) String token) {
        authorize(token);
        return jdbc.sql("SELECT sequence_identifier AS sequence, COUNT(*) AS events, MIN(enqueued_at) AS since, "
                        + "MIN(CASE WHEN sequence_index = first_index THEN payload_type END) AS first_event_type, "
                        + "MIN(CASE WHEN sequence_index = first_index THEN cause_message END) AS cause "
                        + "FROM (SELECT d.*, MIN(sequence_index) OVER (PARTITION BY sequence_identifier) AS first_index "
                        + "FROM dead_letter_entry d WHERE processing_group = ?) parked "
                        + "GROUP BY sequence_identifier ORDER BY MIN(enqueued_at), sequence_identifier")
                .param(ProjectionGroups.READ_MODELS).query().listOfRows();
    }

    /**
     * Drops a parked sequence for good: its events stay in the event store but are not applied (a rebuild applies them
     * again, and parks them again if they still fail). For data no fix can make acceptable.
     */
    @DeleteMapping("/dead-letters/{sequence}")
    public Map<String, Object> evictDeadLetters(@RequestHeader(name = "X-Admin-Token", required = false) String token,
                                                @PathVariable String sequence) {
        authorize(token);
        var queue = processing.deadLetterQueue(ProjectionGroups.READ_MODELS).orElseThrow();
        int evicted = 0;
        for (var letter : queue.deadLetterSequence(sequence)) {
            queue.evict(letter);
            evicted++;
        }
        if (evicted == 0) {
            throw new NotFoundException("dead-letter sequence", sequence);
        }
        return Map.of("sequence", sequence, "evictedEvents", evicted);
    }

    private void authorize(String token) {
        String expected = properties.adminToken();
        if (expected == null || expected.isBlank() || token == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new NotFoundException("endpoint", "/admin/projections");
        }
    }
}
