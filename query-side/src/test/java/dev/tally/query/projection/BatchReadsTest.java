package dev.tally.query.projection;

import dev.tally.platform.test.CountedStatements;
import dev.tally.query.support.PlainReadSide;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch's reads: each gets its own rows, built from the batch's events, read once per batch; on PostgreSQL all of them
 * in one statement (one round trip), elsewhere one after the other.
 */
class BatchReadsTest {

    @RegisterExtension
    static final PlainReadSide readSide = new PlainReadSide();

    private static final ResultSetExtractor<List<String>> STRINGS = rows -> {
        List<String> found = new ArrayList<>();
        while (rows.next()) {
            found.add(rows.getString(1));
        }
        return found;
    };

    /** Three reads: one of the events' words that exist, the events counted by the database, and one that needs nothing. */
    private record Registered(BatchReads reads, BatchReads.Read<List<String>> words, BatchReads.Read<List<String>> counted,
                              BatchReads.Read<List<String>> nothing, AtomicInteger built) {

        static Registered on(DataSource dataSource) {
            BatchReads reads = new BatchReads(new JdbcTemplate(dataSource));
            AtomicInteger built = new AtomicInteger();
            BatchReads.Read<List<String>> words = reads.register(events -> {
                built.incrementAndGet();
                List<String> asked = events.stream().map(String.class::cast).toList();
                return BatchReads.Query.of("SELECT w FROM (VALUES ('lunch'), ('rent'), ('bus')) AS known (w) WHERE w IN ("
                        + BatchReads.placeholders(asked.size()) + ") ORDER BY w", asked, STRINGS);
            });
            BatchReads.Read<List<String>> counted = reads.register(events -> BatchReads.Query.of(
                    "SELECT CAST(COUNT(*) AS VARCHAR(10)) FROM (VALUES (1), (2), (3), (4)) AS n (v) WHERE v <= ?", List.of(events.size()), STRINGS));
            BatchReads.Read<List<String>> nothing = reads.register(events -> BatchReads.Query.none(List.of("none")));
            return new Registered(reads, words, counted, nothing, built);
        }
    }

    private static <T> T inBatch(List<String> events, Supplier<T> work) {
        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(events.stream().map(GenericEventMessage::asEventMessage).toList());
        batch.start();
        try {
            return work.get();
        } finally {
            batch.rollback();
        }
    }

    @Test
    void onPostgresqlTheBatchsReadsAreOneStatementAndEachGetsItsOwnRows() {
        Registered registered = Registered.on(readSide.jdbc().getDataSource());
        int afterStart = readSide.statements(); // the constructor asks which database it is on

        inBatch(List.of("rent", "lunch", "taxi"), () -> {
            assertThat(registered.reads().kept(registered.words())).as("nothing read yet").isNull();
            assertThat(registered.reads().of(registered.counted())).containsExactly("3");
            assertThat(registered.reads().of(registered.words())).containsExactly("lunch", "rent");
            assertThat(registered.reads().of(registered.nothing())).containsExactly("none");
            assertThat(registered.reads().kept(registered.words())).containsExactly("lunch", "rent");
            return null;
        });
        assertThat(readSide.statements() - afterStart).as("two reads, one statement").isEqualTo(1);
        assertThat(registered.built()).as("built once per batch").hasValue(1);

        inBatch(List.of("bus"), () -> assertThat(registered.reads().of(registered.words())).containsExactly("bus"));
        assertThat(registered.built()).as("each batch reads its own").hasValue(2);
        assertThat(registered.reads().kept(registered.words())).as("outside a batch").isNull();
    }

    @Test
    void elsewhereTheyAreReadOneAfterTheOtherWithTheSameRows() {
        AtomicInteger statements = new AtomicInteger();
        Registered registered = Registered.on(CountedStatements.counting(new DriverManagerDataSource(
                "jdbc:h2:mem:batch-reads;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", ""), statements));
        int afterStart = statements.get();

        inBatch(List.of("rent", "lunch", "taxi"), () -> {
            assertThat(registered.reads().of(registered.words())).containsExactly("lunch", "rent");
            assertThat(registered.reads().of(registered.counted())).containsExactly("3");
            assertThat(registered.reads().of(registered.nothing())).containsExactly("none");
            return null;
        });
        assertThat(statements.get() - afterStart).isEqualTo(2);
    }
}
