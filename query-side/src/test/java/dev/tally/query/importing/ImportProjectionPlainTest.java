package dev.tally.query.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.importing.ImportCancelled;
import dev.tally.api.importing.ImportProgressed;
import dev.tally.api.importing.ImportStarted;
import dev.tally.api.importing.RefusedRow;
import dev.tally.api.importing.StatementImported;
import dev.tally.query.support.PlainReadSide;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An import's steps as its owner's devices hear them, in plain JUnit on PostgreSQL (JPA, no Spring context). */
class ImportProjectionPlainTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    @RegisterExtension
    static final PlainReadSide readSide = new PlainReadSide();
    private static ImportProjection projection;

    @BeforeAll
    static void start() {
        projection = new ImportProjection(readSide.repository(ImportRepository.class), readSide.change(), JSON);
    }

    private static GlobalSequenceTrackingToken at(long index) {
        return new GlobalSequenceTrackingToken(index);
    }

    private static List<String> feedOf(String user) {
        return readSide.signalled.stream().filter(e -> e.userId().equals(user))
                .map(e -> e.event() + ":" + state(e)).toList();
    }

    private static String state(FeedEntry entry) {
        try {
            JsonNode view = JSON.readTree(entry.payload());
            return view.get("state").asText() + ":" + view.get("processed").asInt() + "/" + view.get("total").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aJobReportsItsProgressThenItsEndAndARedeliveryIsIgnored() {
        String alice = "u-" + UUID.randomUUID();
        String job = "i-" + UUID.randomUUID();
        readSide.inTransaction(() -> projection.on(new ImportStarted(job, alice, "a-1", "CSV", "bank.csv", 10), AT, at(1)));
        readSide.inTransaction(() -> projection.on(new ImportProgressed(job, alice, 5, 10, 4, 1), at(2)));
        readSide.inTransaction(() -> projection.on(new ImportProgressed(job, alice, 5, 10, 4, 1), at(2))); // redelivered
        readSide.inTransaction(() -> {
            try {
                projection.on(new StatementImported(job, alice, "a-1", "CSV", "bank.csv", 8, 2, List.of(new RefusedRow(3, "no date"))), AT, at(3));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(feedOf(alice)).containsExactly("import:progress:RUNNING:0/10", "import:progress:RUNNING:5/10", "import:finished:FINISHED:10/10");
    }

    @Test
    void anImportDoneAtOnceHasNoRowYetAndACancelledJobEnds() {
        String bob = "u-" + UUID.randomUUID();
        String once = "i-" + UUID.randomUUID();
        String cancelled = "i-" + UUID.randomUUID();
        readSide.inTransaction(() -> {
            try {
                projection.on(new StatementImported(once, bob, "a-2", "OFX", "bank.ofx", 3, 0, List.of()), AT, at(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        readSide.inTransaction(() -> projection.on(new ImportStarted(cancelled, bob, "a-2", "QIF", "old.qif", 4), AT, at(11)));
        readSide.inTransaction(() -> projection.on(new ImportCancelled(cancelled, bob, "a-2", 0), at(12)));
        readSide.inTransaction(() -> projection.on(new ImportCancelled("i-unknown", bob, "a-2", 0), at(13))); // nothing to end

        assertThat(feedOf(bob)).containsExactly("import:finished:FINISHED:3/3", "import:progress:RUNNING:0/4", "import:cancelled:CANCELLED:0/4");
        assertThat(readSide.count("SELECT COUNT(*) FROM import_view WHERE import_id IN (?, ?)", once, cancelled)).isEqualTo(2);
    }
}
