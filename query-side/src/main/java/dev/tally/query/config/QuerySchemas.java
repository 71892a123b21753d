package dev.tally.query.config;

import dev.tally.platform.config.ModuleSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Query-side's tables (classpath:db/query); the feed tables it writes come with platform. */
@Configuration(proxyBeanMethods = false)
public class QuerySchemas {

    @Bean
    public ModuleSchema querySchema() {
        return new ModuleSchema("query", "classpath:db/query");
    }
}
