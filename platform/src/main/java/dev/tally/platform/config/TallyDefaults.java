package dev.tally.platform.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Adds {@code tally-defaults.yml} as the last property source, so every deployable starts from the same settings; and
 * puts the actuator on a management port of its own, the application port plus 1000 (8081 → 9081, 18911 → 19911),
 * unless {@code management.server.port} is set. Derived rather than fixed, so that two processes on one machine never
 * want the same management port. A random application port (tests) keeps the actuator on it.
 */
public class TallyDefaults implements EnvironmentPostProcessor {

    static final int MANAGEMENT_PORT_OFFSET = 1000;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader().load("tally-defaults", new ClassPathResource("tally-defaults.yml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!environment.containsProperty("management.server.port")) {
            Integer port = environment.getProperty("server.port", Integer.class);
            if (port != null && port > 0 && port + MANAGEMENT_PORT_OFFSET <= 65535) {
                environment.getPropertySources().addLast(new MapPropertySource("tally-management-port",
                        Map.of("management.server.port", port + MANAGEMENT_PORT_OFFSET)));
            }
        }
    }
}
