package dev.tally.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private final KeyPair keys = rsa();
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder rsaVerifier = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
    private final JwtDecoder countingVerifier = token -> {
        verifications.incrementAndGet();
        return rsaVerifier.decode(token);
    };
    private final MutableClock clock = new MutableClock(Instant.now());
    private final VerifiedTokens tokens = new VerifiedTokens(countingVerifier, 100, clock);

    @Test
    void aVerifiedTokenIsNotVerifiedAgainUntilItExpires() {
        String alice = token("alice", Duration.ofMinutes(15));
        assertThat(tokens.decode(alice).getSubject()).isEqualTo("alice");
        assertThat(tokens.decode(alice).getSubject()).isEqualTo("alice");
        assertThat(verifications).hasValue(1);

        clock.now = clock.now.plus(Duration.ofMinutes(16));
        tokens.decode(alice);
        assertThat(verifications).as("past its exp, the token is verified in full again").hasValue(2);
    }

    @Test
    void eachTokenIsItsOwnEntry() {
        String alice = token("alice", Duration.ofMinutes(15));
        String bob = token("bob", Duration.ofMinutes(15));
        assertThat(tokens.decode(alice).getSubject()).isEqualTo("alice");
        assertThat(tokens.decode(bob).getSubject()).isEqualTo("bob");
        assertThat(tokens.decode(alice).getSubject()).isEqualTo("alice");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatFailsVerificationIsNeverRemembered() {
        String alice = token("alice", Duration.ofMinutes(15));
        tokens.decode(alice);
        String tampered = alice.substring(0, alice.length() - 4) + (alice.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(3);

        KeyPair other = rsa();
        String forged = sign(other, "alice", Duration.ofMinutes(15));
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void anExpiredTokenIsRejectedAsBefore() {
        String expired = token("alice", Duration.ofMinutes(-5));
        assertThatThrownBy(() -> tokens.decode(expired)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(expired)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    private String token(String subject, Duration validFor) {
        return sign(keys, subject, validFor);
    }

    private static String sign(KeyPair keys, String subject, Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("tally")
                .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.plus(validFor))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        private MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
