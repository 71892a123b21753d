package dev.tally.query.projection;

import dev.tally.platform.web.NotFoundException;
import dev.tally.query.config.QueryProperties;
import io.swagger.v3.oas.annotations.Hidden;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
    private final QueryProperties properties;
    private final ReadModelChange change;

    public ProjectionAdminController(ProjectionRebuild rebuild, EventProcessingConfiguration processing, QueryProperties properties,
                                     ReadModelChange change) {
        this.rebuild = rebuild;
        this.processing = processing;
        this.properties = properties;
        this.change = change;
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

    private void authorize(String token) {
        String expected = properties.projections().adminToken();
        if (expected == null || expected.isBlank() || token == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new NotFoundException("endpoint", "/admin/projections");
        }
    }
}
