package dev.tally.platform.config;

import dev.tally.platform.security.CallerArguments;
import dev.tally.platform.web.ProblemAdvice;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import dev.tally.platform.web.CorrelationIds;

/** Correlation ids, the caller parameter and problem details, for every side's controllers. */
@AutoConfiguration
@Import({ProblemAdvice.class, CallerArguments.class})
public class WebAutoConfiguration {

    @Bean
    public FilterRegistrationBean<CorrelationIds> correlationIds() {
        FilterRegistrationBean<CorrelationIds> registration = new FilterRegistrationBean<>(new CorrelationIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
