package dev.tally.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.platform.logging.RefusalsAreNotFailures;
import dev.tally.platform.security.CallerArguments;
import dev.tally.platform.web.AppPortHealth;
import dev.tally.platform.web.CorrelationIds;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.SimpleHttpCodeStatusMapper;
import dev.tally.platform.web.ProblemAdvice;
import dev.tally.platform.web.ProblemErrors;
import dev.tally.platform.web.ProblemResponses;
import dev.tally.platform.web.RequestLimits;
import dev.tally.platform.web.WholeAnswers;
import dev.tally.platform.web.StrictJson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Correlation ids, request limits, strict JSON, the caller parameter and problem details, for every side's controllers
 * and for the error path (before Boot's error configuration, whose {@code BasicErrorController} then stands back).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@Import({ProblemAdvice.class, ProblemErrors.class, CallerArguments.class})
public class WebAutoConfiguration {

    public WebAutoConfiguration() {
        RefusalsAreNotFailures.install();
    }

    @Bean
    public FilterRegistrationBean<CorrelationIds> correlationIds() {
        FilterRegistrationBean<CorrelationIds> registration = new FilterRegistrationBean<>(new CorrelationIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the correlation id, before security: an oversized body is refused before anything reads it. */
    @Bean
    public FilterRegistrationBean<RequestLimits> requestLimits(ObjectMapper objectMapper,
                                                               @Value("${tally.http.max-body-size:1MB}") DataSize maxBody,
                                                               @Value("${tally.http.max-import-size:20MB}") DataSize maxImport) {
        FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(
                new RequestLimits(maxBody.toBytes(), maxImport.toBytes(), new ProblemResponses(objectMapper)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Only the API's answers: the socket's polling transport and the actuator keep the container's behaviour. */
    @Bean
    public FilterRegistrationBean<WholeAnswers> wholeAnswers() {
        FilterRegistrationBean<WholeAnswers> registration = new FilterRegistrationBean<>(new WholeAnswers());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    public StrictJson strictJson(ObjectMapper objectMapper) {
        return new StrictJson(objectMapper);
    }

    /** The actuator is on its own port (TallyDefaults): health stays answerable on the application port as well. */
    @Bean
    @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
    public AppPortHealth appPortHealth(HealthEndpoint health, ObjectProvider<HttpCodeStatusMapper> codes) {
        return new AppPortHealth(health, codes.getIfAvailable(SimpleHttpCodeStatusMapper::new));
    }
}
