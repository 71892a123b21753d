package dev.tally.gateway.support;

import dev.tally.platform.security.PemKeys;
import io.jsonwebtoken.Jwts;

import java.nio.file.Files;
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

    public static String token(String userId, String sessionId, Duration validity) {
        return Jwts.builder().issuer("tally").subject(userId).claim("sid", sessionId).claim("name", "User " + userId)
                .issuedAt(Date.from(Instant.now().minusSeconds(60)))
                .expiration(Date.from(Instant.now().plus(validity)))
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
