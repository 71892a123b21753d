package dev.tally.gateway.support;

import dev.tally.platform.security.PemKeys;
import io.jsonwebtoken.Jwts;

import dev.tally.platform.test.PostgresTestDatabase;

import java.nio.file.Files;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** An RSA key pair made for the test run; the public half is written to a PEM file the gateway verifies with. */
public final class TestTokens {

    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();
    private static final Path PUBLIC_PEM = writePublicPem();

    private TestTokens() {
    }

    public static String publicKeyLocation() {
        return PUBLIC_PEM.toUri().toString();
    }

    public static String token(String userId) {
        return token(userId, "sid-" + userId, Duration.ofMinutes(15));
    }

    /** A token of a session started as sign-in starts one (its row in user_session), signed as the command side signs. */
    public static String token(String userId, String sessionId, Duration validity) {
        startSession(userId, sessionId);
        return Jwts.builder().header().keyId(PemKeys.keyId((RSAPublicKey) KEYS.getPublic())).and().issuer("tally").subject(userId).claim("sid", sessionId).claim("name", "User " + userId)
                .issuedAt(Date.from(Instant.now().minusSeconds(60)))
                .expiration(Date.from(Instant.now().plus(validity)))
                .signWith(KEYS.getPrivate(), Jwts.SIG.RS256).compact();
    }

    /** The user a bearer token of this run names, or null when it is not one (as the other sides verify it). */
    public static String userOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            return Jwts.parser().verifyWith(KEYS.getPublic()).build().parseSignedClaims(authorization.substring(7)).getPayload().getSubject();
        } catch (io.jsonwebtoken.JwtException e) {
            return null;
        }
    }

    /** The command side's part of signing in, as far as the gateway sees it: the session exists and has not ended. */
    public static void startSession(String userId, String sessionId) {
        String url = PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_gateway_test"));
        try (Connection connection = DriverManager.getConnection(url, PostgresTestDatabase.user(), "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO user_session (session_id, user_id, started_at) "
                     + "VALUES (?, ?, now()) ON CONFLICT (session_id) DO UPDATE SET user_id = EXCLUDED.user_id, ended_at = NULL")) {
            insert.setString(1, sessionId);
            insert.setString(2, userId);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What signing out does to a session, as far as the gateway sees it. */
    public static void endSession(String sessionId) {
        String url = PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_gateway_test"));
        try (Connection connection = DriverManager.getConnection(url, PostgresTestDatabase.user(), "");
             PreparedStatement update = connection.prepareStatement("UPDATE user_session SET ended_at = now() WHERE session_id = ?")) {
            update.setString(1, sessionId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Well signed, for a session the command side never started (a user who does not exist, a database reset). */
    public static String tokenOfNoSession(String userId) {
        return Jwts.builder().header().keyId(PemKeys.keyId((RSAPublicKey) KEYS.getPublic())).and().issuer("tally").subject(userId)
                .claim("sid", "never-started-" + userId).expiration(Date.from(Instant.now().plusSeconds(900)))
                .signWith(KEYS.getPrivate(), Jwts.SIG.RS256).compact();
    }

    /** Signed by a key the gateway does not know. */
    public static String forgedToken(String userId) {
        return Jwts.builder().issuer("tally").subject(userId).expiration(Date.from(Instant.now().plusSeconds(900)))
                .signWith(OTHER_KEYS.getPrivate(), Jwts.SIG.RS256).compact();
    }

    public static String wrongIssuerToken(String userId) {
        return Jwts.builder().issuer("someone-else").subject(userId).expiration(Date.from(Instant.now().plusSeconds(900)))
                .signWith(KEYS.getPrivate(), Jwts.SIG.RS256).compact();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicPem() {
        try {
            Path file = Files.createTempFile("tally-gw-test-jwt", ".pem");
            Files.writeString(file, PemKeys.pem("PUBLIC KEY", KEYS.getPublic().getEncoded()));
            file.toFile().deleteOnExit();
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
