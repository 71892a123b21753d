package dev.tally.query.config;

import dev.tally.platform.config.ModuleSchema;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Query-side's tables (classpath:db/query) and the feed tables it writes (platform's classpath:db/feed). */
@Configuration(proxyBeanMethods = false)
public class QuerySchemas {

    @Bean
    public ModuleSchema querySchema() {
        return new ModuleSchema("query", "classpath:db/query");
    }

    /** The gateway may declare the same schema in a shared JVM; one declaration is enough. */
    @Bean
    @ConditionalOnMissingBean(name = "feedSchema")
    public ModuleSchema feedSchema() {
        return new ModuleSchema("feed", "classpath:db/feed");
    }
}
