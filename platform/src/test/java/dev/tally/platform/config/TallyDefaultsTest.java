package dev.tally.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The actuator's own port: the application port plus 1000 unless configured; a random application port keeps it there. */
class TallyDefaultsTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new TallyDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void theManagementPortIsTheApplicationPortPlusAThousand() {
        assertThat(environment(Map.of("server.port", "18911")).getProperty("management.server.port")).isEqualTo("19911");
        assertThat(environment(Map.of("server.port", "8081")).getProperty("management.server.port")).isEqualTo("9081");
    }

    @Test
    void aConfiguredOrRandomPortIsLeftAlone() {
        assertThat(environment(Map.of("server.port", "8081", "management.server.port", "7000")).getProperty("management.server.port"))
                .isEqualTo("7000");
        assertThat(environment(Map.of("server.port", "0")).getProperty("management.server.port")).isNull();
        assertThat(environment(Map.of()).getProperty("management.server.port")).isNull();
        // the shared defaults still load
        assertThat(environment(Map.of()).getProperty("tally.rate-limit.commands-per-user.per-second")).isEqualTo("120");
    }
}
