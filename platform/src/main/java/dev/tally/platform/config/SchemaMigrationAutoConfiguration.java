package dev.tally.platform.config;

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
        return new ModuleSchema("eventstore", "classpath:db/eventstore");
    }

    /** The per-user update feed: written by query-side, read by the gateways. */
    @Bean
    public ModuleSchema feedSchema() {
        return new ModuleSchema("feed", "classpath:db/feed");
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

    private static void migrate(Flyway flyway, ModuleSchema schema) {
        Flyway.configure()
                .configuration(flyway.getConfiguration())
                .locations(schema.location())
                .table("flyway_history_" + schema.name())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
