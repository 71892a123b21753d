package dev.tally.command.identity;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Access tokens on a protected endpoint, and the published verification key. */
class AccessTokenApiTest extends CommandApiTest {

    private static final Map<String, Object> CATEGORY = Map.of("name", "Pets", "kind", "EXPENSE");

    @Autowired
    private SigningKeys keys;
    @Autowired
    private TokenProperties properties;

    private Api.Response createCategory(String token) {
        Api.Call call = api.post("/api/v1/categories").body(CATEGORY);
        return (token == null ? call : call.token(token)).send();
    }

    private void assertUnauthorized(Api.Response response) {
        assertThat(response.code()).as(response.toString()).isEqualTo(401);
        assertThat(response.text("code")).isEqualTo("unauthorized");
        assertThat(response.headers().getFirst("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aValidTokenIsAcceptedAndAMissingOneRefused() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        long before = eventCount();

        assertUnauthorized(createCategory(null));
        assertUnauthorized(createCategory("not-a-jwt"));
        assertThat(eventCount()).isEqualTo(before);

        assertThat(createCategory(alice.accessToken()).code()).isEqualTo(201);
    }

    @Test
    void theAuthorizationHeaderIsReadAsRfc6750Writes() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        String token = alice.accessToken();
        long before = eventCount();

        for (String malformed : new String[]{"Bearer  " + token, "Bearer " + token + " x", "Bearer\t" + token,
                "Bearer " + token.replace('.', ','), "Bearer", "Bearer ", "Bearer ==", "Bearer=" + token}) {
            assertUnauthorized(api.post("/api/v1/categories").header("Authorization", malformed).body(CATEGORY).send());
        }
        assertUnauthorized(api.post("/api/v1/categories").header("Authorization", "Basic " + token).body(CATEGORY).send());
        assertThat(eventCount()).isEqualTo(before);

        // the scheme in any case, as RFC 9110 has it
        assertThat(api.post("/api/v1/categories").header("Authorization", "bEARER " + token).body(CATEGORY).send().code()).isEqualTo(201);
    }

    @Test
    void anExpiredTokenIsRefused() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        // minted by the real minting code with the real keys, an hour ago: expired 45 minutes ago (beyond any clock skew)
        AccessTokens anHourAgo = new AccessTokens(keys, properties, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        String expired = anHourAgo.issue(alice.userId(), alice.sessionId(), "Test user").token();
        long before = eventCount();

        assertUnauthorized(createCategory(expired));

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var otherKey = generator.generateKeyPair().getPrivate();
        Instant now = Instant.now();
        String forged = Jwts.builder()
                .header().keyId(keys.keyId()).and()
                .issuer("tally").subject(alice.userId()).claim("sid", alice.sessionId()).claim("name", "Test user")
                .issuedAt(Date.from(now)).expiration(Date.from(now.plusSeconds(600)))
                .signWith(otherKey, Jwts.SIG.RS256)
                .compact();
        // the same claims signed with the real key would pass: only the signature differs
        String genuine = Jwts.builder()
                .header().keyId(keys.keyId()).and()
                .issuer("tally").subject(alice.userId()).claim("sid", alice.sessionId()).claim("name", "Test user")
                .issuedAt(Date.from(now)).expiration(Date.from(now.plusSeconds(600)))
                .signWith(keys.privateKey(), Jwts.SIG.RS256)
                .compact();
        long before = eventCount();

        assertUnauthorized(createCategory(forged));
        assertThat(eventCount()).isEqualTo(before);
        assertThat(createCategory(genuine).code()).isEqualTo(201);
    }

    @Test
    void theJwksKeyVerifiesIssuedTokensAndNothingElse() throws Exception {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);

        Api.Response jwks = api.get("/.well-known/jwks.json").send();

        assertThat(jwks.code()).isEqualTo(200);
        var key = jwks.body().path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.has("d")).as("no private part").isFalse();
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));

        var verified = Jwts.parser().verifyWith(publicKey).requireIssuer("tally").build().parseSignedClaims(alice.accessToken());
        Claims claims = verified.getPayload();
        assertThat(claims.getSubject()).isEqualTo(alice.userId());
        assertThat(claims.get("sid", String.class)).isEqualTo(alice.sessionId());
        assertThat(verified.getHeader().getKeyId()).isEqualTo(key.path("kid").asText());

        String tampered = alice.accessToken().substring(0, alice.accessToken().lastIndexOf('.') + 1) + "AAAA";
        assertThatThrownBy(() -> Jwts.parser().verifyWith(publicKey).build().parseSignedClaims(tampered))
                .isInstanceOf(SignatureException.class);
    }

    /** A token signed with the real key, shaped by {@code shape} from what the command side would issue. */
    private String mint(RegisteredUser user, java.util.function.UnaryOperator<io.jsonwebtoken.JwtBuilder> shape) {
        Instant now = Instant.now();
        return shape.apply(Jwts.builder()
                .header().keyId(keys.keyId()).and()
                .issuer("tally").subject(user.userId()).claim("sid", user.sessionId()).claim("name", "Test user")
                .issuedAt(Date.from(now)).expiration(Date.from(now.plusSeconds(600))))
                .signWith(keys.privateKey(), Jwts.SIG.RS256)
                .compact();
    }

    @Test
    void aTokenMustCarryExpIssAKnownSubAndSessionAndNameOurKey() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        long before = eventCount();

        assertUnauthorized(createCategory(mint(alice, b -> b.expiration(null))));
        assertUnauthorized(createCategory(mint(alice, b -> b.issuer(null))));
        assertUnauthorized(createCategory(mint(alice, b -> b.subject(null))));
        assertUnauthorized(createCategory(mint(alice, b -> b.subject(java.util.UUID.randomUUID().toString())))); // unknown sub
        assertUnauthorized(createCategory(mint(alice, b -> b.claim("sid", null))));
        assertUnauthorized(createCategory(mint(alice, b -> b.claim("sid", java.util.UUID.randomUUID().toString()))));
        assertUnauthorized(createCategory(mint(alice, b -> b.claim("sid", bob.sessionId())))); // another user's session
        assertUnauthorized(createCategory(mint(alice, b -> b.header().keyId("another-key").and())));
        assertUnauthorized(createCategory(mint(alice, b -> b.header().keyId(null).and())));
        assertThat(eventCount()).isEqualTo(before);
        // an unknown user reads nothing either: 401, not 200 with empty data
        Api.Response read = api.get("/api/v1/accounts/none").token(mint(alice, b -> b.subject("nobody"))).send();
        assertUnauthorized(read);

        assertThat(createCategory(mint(alice, b -> b)).code()).isEqualTo(201);
    }

    @Test
    void theClockSkewAllowedIsFiveSeconds() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        Instant now = Instant.now();
        assertUnauthorized(createCategory(mint(alice, b -> b.issuedAt(Date.from(now.minusSeconds(900))).expiration(Date.from(now.minusSeconds(10))))));
        assertUnauthorized(createCategory(mint(alice, b -> b.notBefore(Date.from(now.plusSeconds(10))))));
        assertThat(createCategory(mint(alice, b -> b.notBefore(Date.from(now.plusSeconds(2))))).code()).isEqualTo(201);
    }

    @Test
    void aSignedOutSessionsAccessTokenIsRefusedAtOnce() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser aliceElsewhere = RealUsers.logIn(api, alice.email(), alice.password(), alice.displayName());
        assertThat(createCategory(alice.accessToken()).code()).isEqualTo(201);

        assertThat(api.post("/api/v1/auth/logout").token(alice.accessToken()).send().code()).isEqualTo(204);

        assertUnauthorized(createCategory(alice.accessToken()));
        assertUnauthorized(api.post("/api/v1/auth/logout").token(alice.accessToken()).send());
        // the same user's other session is untouched
        assertThat(api.post("/api/v1/categories").token(aliceElsewhere.accessToken()).body(Map.of("name", "Pets elsewhere", "kind", "EXPENSE"))
                .send().code()).isEqualTo(201);
    }

    @Test
    void aReusedRefreshTokenEndsTheSessionsAccessTokensToo() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        Api.Response refreshed = api.post("/api/v1/auth/refresh").body(Map.of("refreshToken", alice.refreshToken())).send();
        assertThat(refreshed.code()).isEqualTo(200);
        String newAccess = refreshed.text("accessToken");
        assertThat(createCategory(newAccess).code()).isEqualTo(201);

        assertThat(api.post("/api/v1/auth/refresh").body(Map.of("refreshToken", alice.refreshToken())).send().code()).isEqualTo(401);

        assertUnauthorized(createCategory(newAccess));
        assertUnauthorized(createCategory(alice.accessToken()));
    }
}
