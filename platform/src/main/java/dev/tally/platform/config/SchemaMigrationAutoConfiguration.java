package dev.tally.platform.config;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * Boot's Flyway migrates the event store ({@code classpath:db/eventstore}); this strategy then migrates every
 * {@link ModuleSchema} bean, each with its own history table. Boot runs it before JPA and anything using the data source.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
public class SchemaMigrationAutoConfiguration {

    @Bean
    public ModuleSchema eventStoreSchema() {
        return new ModuleSchema("eventstore", "classpath:db/eventstore,classpath:db/eventstore-{vendor}");
    }

    /** The per-user update feed: written by query-side, read by the gateways. */
    @Bean
    public ModuleSchema feedSchema() {
        return new ModuleSchema("feed", "classpath:db/feed");
    }

    /** Sign-in sessions: started and ended by the command side, checked by every process that verifies tokens. */
    @Bean
    public ModuleSchema sessionsSchema() {
        return new ModuleSchema("sessions", "classpath:db/sessions");
    }

    @Bean
    public FlywayMigrationStrategy moduleSchemaMigrations(ObjectProvider<ModuleSchema> schemas,
                                                          @Value("${tally.schema.clean-on-start:false}") boolean cleanOnStart) {
        return flyway -> {
            if (cleanOnStart) { // tests only: start from an empty schema
                Flyway.configure().configuration(flyway.getConfiguration()).cleanDisabled(false).load().clean();
            }
            schemas.orderedStream().forEach(schema -> migrate(flyway, schema));
        };
    }

    /** {@code {vendor}} in a location becomes the database's id ({@code postgresql}, {@code h2}), as in Boot's own Flyway setup. */
    private static String[] withVendor(String location, DataSource dataSource) {
        if (!location.contains("{vendor}")) {
            return location.split(",");
        }
        try {
            String url = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
            return location.replace("{vendor}", DatabaseDriver.fromJdbcUrl(url).getId()).split(",");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database to migrate", e);
        }
    }

    private static void migrate(Flyway flyway, ModuleSchema schema) {
        Flyway.configure()
                .configuration(flyway.getConfiguration())
                .locations(withVendor(schema.location(), flyway.getConfiguration().getDataSource()))
                .table("flyway_history_" + schema.name())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
