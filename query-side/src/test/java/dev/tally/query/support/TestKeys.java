package dev.tally.query.support;

import dev.tally.platform.security.PemKeys;
import io.jsonwebtoken.Jwts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
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

    /** An access token as command-side issues it. */
    public static String token(String userId) {
        return Jwts.builder()
                .issuer("tally")
                .subject(userId)
                .claim("sid", "session-" + userId)
                .claim("name", "User " + userId)
                .issuedAt(new Date())
                .expiration(Date.from(Instant.now().plusSeconds(900)))
                .signWith(KEYS.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }

    public static String expiredToken(String userId) {
        return Jwts.builder().issuer("tally").subject(userId).claim("sid", "s")
                .issuedAt(Date.from(Instant.now().minusSeconds(3600)))
                .expiration(Date.from(Instant.now().minusSeconds(1800)))
                .signWith(KEYS.getPrivate(), Jwts.SIG.RS256).compact();
    }
}
