package dev.tally.command.config;

import dev.tally.api.account.AccountOpened;
import dev.tally.command.CommandSideApplication;
import dev.tally.command.support.Api;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import dev.tally.platform.test.PostgresTestDatabase;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The master key against the database's, at start (docs/operations.md, "Personal data keys"): another key is refused
 * before the process serves anything, and a start with the new key and the previous one rotates. Whole command-side
 * processes, each on a database of this test's own.
 */
class MasterKeyAtStartTest {

    private static final String REFUSED = "is not the one this database's data keys are wrapped with";

    private static String newKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static ConfigurableApplicationContext start(String database, boolean fresh, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--tally.schema.clean-on-start=" + fresh,
                "--spring.datasource.url=" + PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_command_test") + "_" + database),
                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                "--tally.data-dir=" + Files.createTempDirectory("tally-master-key"),
                "--tally.privacy.generate-master-key=false"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(CommandSideApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    @Test
    void aProcessWithAnotherMasterKeyRefusesToStart() throws Exception {
        start("masterkey", true, "--tally.privacy.master-key=" + newKey()).close(); // records its key's fingerprint at start

        assertThatThrownBy(() -> start("masterkey", false, "--tally.privacy.master-key=" + newKey()).close())
                .hasStackTraceContaining(REFUSED);
    }

    @Test
    void startingWithTheNewAndThePreviousKeyRotatesAndOnlyTheNewOneStartsAfterwards() throws Exception {
        String old = newKey();
        String next = newKey();
        String account;
        try (ConfigurableApplicationContext before = start("rotation", true, "--tally.privacy.master-key=" + old)) {
            Api api = new Api(Integer.parseInt(before.getEnvironment().getProperty("local.server.port")));
            RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
            Api.Response opened = api.post("/api/v1/accounts").token(alice.accessToken())
                    .body(Map.of("name", "Savings under the old key", "type", "CASH", "currency", "EUR")).send();
            assertThat(opened.code()).as(opened.toString()).isEqualTo(201);
            account = opened.text("id");
        }

        start("rotation", false, "--tally.privacy.master-key=" + next, "--tally.privacy.previous-master-key=" + old).close();

        try (ConfigurableApplicationContext after = start("rotation", false, "--tally.privacy.master-key=" + next)) {
            AccountOpened event = (AccountOpened) after.getBean(EventStore.class).readEvents(account).next().getPayload();
            assertThat(event.name()).isEqualTo("Savings under the old key");
        }
        assertThatThrownBy(() -> start("rotation", false, "--tally.privacy.master-key=" + old).close()).hasStackTraceContaining(REFUSED);
    }
}
