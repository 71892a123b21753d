package dev.tally.command.identity;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import dev.tally.command.config.IdentityConfiguration;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordCheckTest {

    private static final String PASSWORD = "correct horse battery staple";

    private final PasswordEncoder encoder = new IdentityConfiguration().passwordEncoder();
    /** The hashes each check compared a password with. */
    private final List<String> comparedWith = new ArrayList<>();
    private FakeCredentials credentials;
    private PasswordCheck check;

    @BeforeEach
    void setUp() {
        credentials = new FakeCredentials();
        credentials.add(new Credentials.Credential("u1", "alice@example.com", encoder.encode(PASSWORD), "Alice", "UTC"));
        check = new PasswordCheck(credentials, new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return encoder.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String hash) {
                comparedWith.add(hash);
                return encoder.matches(raw, hash);
            }

            @Override
            public boolean upgradeEncoding(String hash) {
                return encoder.upgradeEncoding(hash);
            }
        });
    }

    @Test
    void theRightPasswordFindsTheCredentials() {
        assertThat(check.check("alice@example.com", PASSWORD)).hasValueSatisfying(c -> assertThat(c.userId()).isEqualTo("u1"));
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailDoTheSameWork() {
        assertThat(check.check("alice@example.com", "wrong password")).isEmpty();
        assertThat(check.check("nobody@example.com", PASSWORD)).isEmpty();

        assertThat(comparedWith).hasSize(2);
        assertThat(comparedWith.get(0)).isEqualTo(credentials.find("u1").orElseThrow().passwordHash());
        // the unknown email was compared with a real hash of the same encoder, not skipped
        assertThat(comparedWith.get(1)).startsWith("{" + IdentityConfiguration.DEFAULT_ENCODER + "}")
                .isNotEqualTo(comparedWith.get(0));
    }

    @Test
    void hashesAreSaltedAndNameTheirEncoder() {
        String first = encoder.encode(PASSWORD);
        assertThat(first).startsWith("{pbkdf2@SpringSecurity_v5_8}").doesNotContain(PASSWORD);
        assertThat(encoder.encode(PASSWORD)).isNotEqualTo(first);
    }

    @Test
    void anOlderBcryptHashStillVerifiesAndIsReplacedByTheDefault() {
        credentials.add(new Credentials.Credential("u2", "bob@example.com",
                "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD), "Bob", "UTC"));

        assertThat(check.check("bob@example.com", PASSWORD)).isPresent();

        String rehashed = credentials.find("u2").orElseThrow().passwordHash();
        assertThat(rehashed).startsWith("{pbkdf2@SpringSecurity_v5_8}");
        assertThat(check.check("bob@example.com", PASSWORD)).isPresent();
        assertThat(credentials.find("u2").orElseThrow().passwordHash()).isEqualTo(rehashed);
    }
}
