package dev.tally.command.identity;

import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A committed sign-out reaches the gateways: on Redis in a split deployment ({@code <prefix>:sessions}). */
@TestPropertySource(properties = {"tally.gateway.redis.enabled=true", "tally.gateway.redis.prefix=tally-cmd-test"})
class SignOutNoticesTest extends CommandApiTest {

    @Autowired
    RedisConnectionFactory redis;

    @Test
    void aSignOutIsPublishedForTheGatewaysOnceCommitted() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.addMessageListener((message, pattern) -> heard.add(new String(message.getBody(), StandardCharsets.UTF_8)),
                new ChannelTopic("tally-cmd-test:sessions"));
        container.afterPropertiesSet();
        container.start(); // waits until the subscription is registered (maxSubscriptionRegistrationWaitingTime)
        try {
            RegisteredUser ada = RealUsers.registerAndLogIn(api);
            RegisteredUser eve = RealUsers.registerAndLogIn(api);

            assertThat(api.post("/api/v1/auth/logout").token(ada.accessToken()).send().code()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
            assertThat(heard).singleElement().satisfies(message -> assertThat(message)
                    .contains("\"userId\":\"" + ada.userId() + "\"")
                    .contains("\"sessionId\":\"" + ada.sessionId() + "\"")
                    .doesNotContain(eve.userId()));
        } finally {
            container.stop();
            container.destroy();
        }
    }
}
