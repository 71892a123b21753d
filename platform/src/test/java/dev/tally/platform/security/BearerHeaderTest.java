package dev.tally.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The bearer token is read from the header exactly as Spring's resolver with its defaults reads it: same token, same refusals. */
class BearerHeaderTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl-_~+/";

    @Test
    void knownHeadersAreReadAsSpringReadsThem() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT + "==", "Bearer " + JWT + "=x",
                "Bearer  " + JWT, "Bearer\t" + JWT, "Bearer " + JWT + " x", "Bearer", "Bearer ", "Bearer =", "Bearer a", "Bearera",
                "Bearer\u017f", "B\u0435arer " + JWT, "Basic dXNlcjpwYXNz", "DPoP " + JWT, "", "Bear", "bearer\n" + JWT,
                "Bearer " + JWT + "\n", "Bearer \u00e9", "Bearer a=b"));
        headers.forEach(BearerHeaderTest::sameAsSpring);
        assertThat(read(new BearerHeader(), null)).isEqualTo("none");
        assertThat(read(new BearerHeader(), "Bearer " + JWT)).isEqualTo("token " + JWT);
        assertThat(read(new BearerHeader(), "Bearer a b")).startsWith("refused invalid_token");
    }

    @Test
    void randomHeadersAreReadAsSpringReadsThem() {
        Random random = new Random(7);
        String alphabet = "BbEeAaRrSsXx09-._~+/= \t\u00e9,;";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder header = new StringBuilder(random.nextInt(4) == 0 ? "" : random.nextBoolean() ? "Bearer " : "bearer");
            for (int i = random.nextInt(10); i > 0; i--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            sameAsSpring(header.toString());
        }
    }

    private static void sameAsSpring(String header) {
        assertThat(read(new BearerHeader(), header)).as("[%s]", header).isEqualTo(read(new DefaultBearerTokenResolver(), header));
    }

    private static String read(org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transactions");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            String token = resolver.resolve(request);
            return token == null ? "none" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
