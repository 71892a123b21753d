package dev.tally.query.support;

import dev.tally.platform.security.PemKeys;
import io.jsonwebtoken.Jwts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.tally.platform.test.PostgresTestDatabase;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;

/** One RSA key pair per test JVM: the public half in a temp PEM for the app, the private half signs test tokens. */
public final class TestKeys {

    private static final KeyPair KEYS = Jwts.SIG.RS256.keyPair().build();
    private static final Path PUBLIC_PEM;

    static {
        try {
            PUBLIC_PEM = Files.createTempFile("tally-query-test-jwt", ".pem");
            Files.writeString(PUBLIC_PEM, PemKeys.pem("PUBLIC KEY", KEYS.getPublic().getEncoded()));
            PUBLIC_PEM.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestKeys() {
    }

    public static String publicKeyLocation() {
        return "file:" + PUBLIC_PEM.toAbsolutePath();
    }

    /** An access token as command-side issues it, of a session started as sign-in starts one (a row in user_session). */
    public static String token(String userId) {
        startSession(userId, "session-" + userId);
        return Jwts.builder()
                .header().keyId(PemKeys.keyId((RSAPublicKey) KEYS.getPublic())).and()
                .issuer("tally")
                .subject(userId)
                .claim("sid", "session-" + userId)
                .claim("name", "User " + userId)
                .issuedAt(new Date())
                .expiration(Date.from(Instant.now().plusSeconds(900)))
                .signWith(KEYS.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }

    /** The command side's part of signing in, as far as verifiers see it: the session exists and has not ended. */
    public static void startSession(String userId, String sessionId) {
        String url = PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_query_test"));
        try (Connection connection = DriverManager.getConnection(url, PostgresTestDatabase.user(), "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO user_session (session_id, user_id, started_at) "
                     + "VALUES (?, ?, now()) ON CONFLICT (session_id) DO NOTHING")) {
            insert.setString(1, sessionId);
            insert.setString(2, userId);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String expiredToken(String userId) {
        return Jwts.builder().header().keyId(PemKeys.keyId((RSAPublicKey) KEYS.getPublic())).and().issuer("tally").subject(userId).claim("sid", "s")
                .issuedAt(Date.from(Instant.now().minusSeconds(3600)))
                .expiration(Date.from(Instant.now().minusSeconds(1800)))
                .signWith(KEYS.getPrivate(), Jwts.SIG.RS256).compact();
    }
}
