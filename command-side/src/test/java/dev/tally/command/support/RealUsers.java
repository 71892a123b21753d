package dev.tally.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Gets real users through the real flow: POST /api/v1/auth/register, then POST /api/v1/auth/login. */
public final class RealUsers {

    public static final String PASSWORD = "correct horse battery staple";

    private RealUsers() {
    }

    /** A fresh email address no other test uses. */
    public static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** Registers (202, no tokens), then signs in: the answer is that first sign-in's session. */
    public static RegisteredUser register(Api api, String email, String displayName) {
        Api.Response registered = api.post("/api/v1/auth/register")
                .body(Map.of("email", email, "password", PASSWORD, "displayName", displayName, "timeZone", "Europe/Berlin"))
                .send();
        assertThat(registered.code()).as(registered.toString()).isEqualTo(202);
        return logIn(api, email, PASSWORD, displayName);
    }

    /** Registers, then signs in with the password: the answer is the sign-in's session. */
    public static RegisteredUser registerAndLogIn(Api api) {
        return register(api, newEmail(), "Test user");
    }

    public static RegisteredUser logIn(Api api, String email, String password, String displayName) {
        Api.Response signedIn = api.post("/api/v1/auth/login").body(Map.of("email", email, "password", password)).send();
        assertThat(signedIn.code()).as(signedIn.toString()).isEqualTo(200);
        return user(signedIn, email, displayName);
    }

    /** The claims of an access token, read without verifying it (tests verify elsewhere). */
    public static JsonNode claims(String accessToken) {
        try {
            return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JWT: " + accessToken, e);
        }
    }

    private static RegisteredUser user(Api.Response response, String email, String displayName) {
        String accessToken = response.text("accessToken");
        return new RegisteredUser(response.body().path("user").path("id").asText(), email, PASSWORD, displayName,
                accessToken, response.text("refreshToken"), claims(accessToken).path("sid").asText());
    }
}
