package dev.tally.query.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.platform.security.Caller;
import dev.tally.query.feed.FeedProperties;
import dev.tally.query.feed.FeedPosition;
import dev.tally.query.feed.UserFeed;
import dev.tally.query.web.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The feed over HTTP, for clients that cannot hold a socket, with the same promise as the socket's replay. */
@RestController
@RequestMapping("/api/v1/sync")
@Tag(name = "Sync")
public class SyncQueryController {

    private final UserFeed feed;
    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final FeedProperties properties;

    public SyncQueryController(UserFeed feed, JdbcTemplate jdbc, ObjectMapper objectMapper, FeedProperties properties) {
        this.feed = feed;
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.properties = properties;
    }

    @GetMapping
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    @Operation(summary = "The caller's feed entries after seq `since`, in order")
    public SyncPage sync(Caller caller,
                         @Parameter(description = "the last seq the client has (0 for none)") @RequestParam long since,
                         @Parameter(description = "the epoch the client's seq belongs to; a different one, or none with since > 0, answers recovered=false")
                         @RequestParam(required = false) String epoch,
                         @RequestParam(required = false) Integer limit) {
        int max = properties.syncPageSize();
        if (since < 0) {
            throw new InvalidQuery("since", "must be 0 or more");
        }
        if (limit != null && (limit < 1 || limit > max)) {
            throw new InvalidQuery("limit", "must be between 1 and " + max);
        }
        int size = limit == null ? max : limit;
        FeedPosition head = feed.position(caller.userId());
        Long oldest = jdbc.queryForObject("SELECT MIN(seq) FROM user_feed WHERE user_id = ? AND epoch = ?", Long.class,
                caller.userId(), head.epoch());
        // a seq means nothing without its epoch (a rebuild numbers the entries afresh): the socket answers a position
        // without one "epoch changed" (FeedReplay), and so does this; since 0 has nothing to lose and reads from the start
        boolean sameEpoch = epoch == null ? since == 0 : epoch.equals(head.epoch());
        boolean complete = since <= head.seq() && (since == head.seq() || (oldest != null && oldest <= since + 1));
        if (!sameEpoch || !complete) {
            return new SyncPage(head.epoch(), since, head.seq(), false, false, List.of());
        }
        List<SyncPage.Entry> entries = jdbc.query("""
                        SELECT seq, event, payload, created_at FROM user_feed
                        WHERE user_id = ? AND epoch = ? AND seq > ? ORDER BY seq LIMIT ?""",
                (rs, n) -> entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), head.epoch()),
                caller.userId(), head.epoch(), since, size);
        long last = entries.isEmpty() ? since : entries.get(entries.size() - 1).seq();
        return new SyncPage(head.epoch(), since, head.seq(), true, last < head.seq(), entries);
    }

    private SyncPage.Entry entry(long seq, String event, String payload, java.time.Instant createdAt, String epoch) {
        try {
            ObjectNode node = (ObjectNode) objectMapper.readTree(payload);
            node.putObject("_meta").put("seq", seq).put("epoch", epoch);
            return new SyncPage.Entry(seq, event, node, createdAt);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("feed entry " + seq + " is not a JSON object", e);
        }
    }
}
