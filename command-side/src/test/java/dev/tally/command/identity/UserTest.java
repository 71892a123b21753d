package dev.tally.command.identity;

import dev.tally.api.identity.HomeCurrencyChanged;
import dev.tally.api.identity.UserEmailVerified;
import dev.tally.api.identity.UserErased;
import dev.tally.platform.web.RuleViolation;
import dev.tally.api.identity.UserPasswordChanged;
import dev.tally.api.identity.UserRegistered;
import dev.tally.api.identity.UserSignedOut;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserTest {

    private AggregateTestFixture<User> fixture;
    private FakeCredentials credentials;
    private FakeSessions sessions;
    private final List<String> erased = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        credentials = new FakeCredentials();
        sessions = new FakeSessions();
        fixture.registerInjectableResource(credentials);
        fixture.registerInjectableResource(sessions);
        fixture.registerInjectableResource((Erasure) userId -> {
            erased.add(userId);
            return List.of("i-" + userId); // an invitation to their address
        });
    }

    @Test
    void erasingEndsEverySessionAndDestroysTheKeysBeforeRecordingIt() {
        sessions.with("u1", "s1", "s2").with("u2", "s3");
        fixture.given(new UserRegistered("u1", "Alice", "UTC"))
                .when(new EraseUser("u1"))
                .expectEvents(new UserSignedOut("u1", "s1"), new UserSignedOut("u1", "s2"), new UserErased("u1", List.of("i-u1")));
        assertThat(erased).containsExactly("u1");
        assertThat(sessions.live.get("u2")).containsExactly("s3");
    }

    @Test
    void anErasedUserCannotBeErasedAgain() {
        fixture.given(new UserRegistered("u1", "Alice", "UTC"), new UserErased("u1"))
                .when(new EraseUser("u1"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        assertThat(erased).isEmpty();
    }

    @Test
    void anErasedUserCannotChangeAPassword() {
        fixture.given(new UserRegistered("u1", "Alice", "UTC"), new UserErased("u1"))
                .when(new ChangePassword("u1", "{pbkdf2@SpringSecurity_v5_8}other", null, false))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    private static RegisterUser register(String userId, String email) {
        return new RegisterUser(userId, email, "{pbkdf2@SpringSecurity_v5_8}hash", "Alice", "Europe/Paris", null);
    }

    @Test
    void registersWithCredentialsKeptOutOfTheEvent() {
        fixture.givenNoPriorActivity()
                .when(register("u1", "alice@example.com"))
                .expectEvents(new UserRegistered("u1", "Alice", "Europe/Paris"));
        assertThat(credentials.find("u1")).hasValueSatisfying(c -> {
            assertThat(c.email()).isEqualTo("alice@example.com");
            assertThat(c.passwordHash()).isEqualTo("{pbkdf2@SpringSecurity_v5_8}hash");
        });
    }

    @Test
    void registersWithAHomeCurrencyAsAChangeOfItWouldRecordIt() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser("u1", "alice@example.com", "{pbkdf2@SpringSecurity_v5_8}hash", "Alice", "Europe/Zurich", "CHF"))
                .expectEvents(new UserRegistered("u1", "Alice", "Europe/Zurich"), new HomeCurrencyChanged("u1", "CHF"));
    }

    @Test
    void refusesToRegisterWithWhatIsNoCurrencyAndKeepsNoCredentials() {
        for (String code : new String[]{"ABC", "XAU"}) {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUser("u1", "alice@example.com", "{pbkdf2@SpringSecurity_v5_8}hash", "Alice", "UTC", code))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }
        assertThat(credentials.find("u1")).isEmpty();
    }

    @Test
    void refusesAnEmailAlreadyRegistered() {
        credentials.add(new Credentials.Credential("u0", "alice@example.com", "x", "Other Alice", "UTC"));
        fixture.givenNoPriorActivity()
                .when(register("u1", "alice@example.com"))
                .expectException(EmailTaken.class)
                .expectNoEvents();
        assertThat(credentials.find("u1")).isEmpty();
    }

    @Test
    void signingOutEndsOnlyTheNamedLiveSessions() {
        sessions.with("u1", "s1", "s2").with("u2", "s3");
        fixture.given(new UserRegistered("u1", "Alice", "UTC"))
                .when(new SignOut("u1", List.of("s1", "s3", "unknown"), false))
                .expectEvents(new UserSignedOut("u1", "s1"));
        assertThat(sessions.live.get("u1")).containsExactly("s2");
        assertThat(sessions.live.get("u2")).containsExactly("s3");
    }

    @Test
    void signingOutAnEndedSessionRecordsNothing() {
        sessions.with("u1", "s2");
        fixture.given(new UserRegistered("u1", "Alice", "UTC"), new UserSignedOut("u1", "s1"))
                .when(new SignOut("u1", List.of("s1"), false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void signingOutEverywhereEndsEveryLiveSession() {
        sessions.with("u1", "s1", "s2").with("u2", "s3");
        fixture.given(new UserRegistered("u1", "Alice", "UTC"))
                .when(new SignOut("u1", List.of(), true))
                .expectEvents(new UserSignedOut("u1", "s1"), new UserSignedOut("u1", "s2"));
        assertThat(sessions.live.get("u2")).containsExactly("s3");
    }

    @Test
    void changingThePasswordStoresTheNewHashAndEndsEveryOtherSession() {
        credentials.add(new Credentials.Credential("u1", "alice@example.com", "old", "Alice", "UTC"));
        sessions.with("u1", "s1", "s2", "s3").with("u2", "s4");
        fixture.given(new UserRegistered("u1", "Alice", "UTC"))
                .when(new ChangePassword("u1", "new", "s2", false))
                .expectEvents(new UserPasswordChanged("u1", false), new UserSignedOut("u1", "s1"), new UserSignedOut("u1", "s3"));
        assertThat(credentials.find("u1")).hasValueSatisfying(c -> assertThat(c.passwordHash()).isEqualTo("new"));
        assertThat(sessions.live.get("u1")).containsExactly("s2");
        assertThat(sessions.live.get("u2")).containsExactly("s4");
    }

    @Test
    void resettingThePasswordEndsEverySession() {
        credentials.add(new Credentials.Credential("u1", "alice@example.com", "old", "Alice", "UTC"));
        sessions.with("u1", "s1", "s2");
        fixture.given(new UserRegistered("u1", "Alice", "UTC"))
                .when(new ChangePassword("u1", "new", null, true))
                .expectEvents(new UserPasswordChanged("u1", true), new UserSignedOut("u1", "s1"), new UserSignedOut("u1", "s2"));
        assertThat(sessions.live.get("u1")).isEmpty();
    }

    @Test
    void changingThePasswordOfNobodyIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ChangePassword("u9", "new", null, true))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void verifyingTheAddressIsRecordedOnce() {
        credentials.add(new Credentials.Credential("u1", "alice@example.com", "x", "Alice", "UTC"));
        fixture.given(new UserRegistered("u1", "Alice", "UTC"))
                .when(new VerifyEmail("u1"))
                .expectEvents(new UserEmailVerified("u1"));
        assertThat(credentials.emailVerified("u1")).isTrue();
    }

    @Test
    void verifyingAnAddressAlreadyVerifiedRecordsNothing() {
        fixture.given(new UserRegistered("u1", "Alice", "UTC"), new UserEmailVerified("u1"))
                .when(new VerifyEmail("u1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void setsTheHomeCurrencyOnceAndRefusesAnUnknownOne() {
        fixture.given(new UserRegistered("u1", "Alice", "UTC"))
                .when(new ChangeHomeCurrency("u1", "CHF"))
                .expectEvents(new HomeCurrencyChanged("u1", "CHF"));
        fixture.given(new UserRegistered("u1", "Alice", "UTC"), new HomeCurrencyChanged("u1", "CHF"))
                .when(new ChangeHomeCurrency("u1", "CHF"))
                .expectNoEvents();
        fixture.given(new UserRegistered("u1", "Alice", "UTC"))
                .when(new ChangeHomeCurrency("u1", "ABC"))
                .expectException(dev.tally.platform.web.RuleViolation.class)
                .expectNoEvents();
        fixture.given(new UserRegistered("u1", "Alice", "UTC"))
                .when(new ChangeHomeCurrency("u1", "XAU"))
                .expectException(dev.tally.platform.web.RuleViolation.class)
                .expectNoEvents();
    }
}
