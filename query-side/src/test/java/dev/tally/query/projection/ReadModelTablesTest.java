package dev.tally.query.projection;

import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A table the projections write but nobody declares would survive a rebuild with the old history's rows in it. */
class ReadModelTablesTest extends QueryTestBase {

    /** Query-side tables that are not read models: a rebuild keeps them (the epoch it renews, the nodes, audit snapshots). */
    private static final Set<String> KEPT_ACROSS_REBUILDS = Set.of("feed_epoch", "projection_node", "audit_snapshot");
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?(\\w+)", Pattern.CASE_INSENSITIVE);

    @Autowired
    ProjectionRebuild rebuild;

    @Test
    void everyTableOfTheQuerySchemaIsADeclaredReadModelOrKeptOnPurpose() throws Exception {
        Set<String> created = new TreeSet<>();
        for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath:db/query/*.sql")) {
            Matcher table = CREATE_TABLE.matcher(script.getContentAsString(StandardCharsets.UTF_8));
            while (table.find()) {
                created.add(table.group(1).toLowerCase());
            }
        }
        created.removeAll(KEPT_ACROSS_REBUILDS);
        assertThat(rebuild.readModelTables()).containsExactlyInAnyOrderElementsOf(created);
    }
}
