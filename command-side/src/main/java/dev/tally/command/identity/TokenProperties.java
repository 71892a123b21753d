package dev.tally.command.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Signing side of access tokens. Production hands over the key pair ({@code private-key-location},
 * {@code public-key-location}, PEM) and turns {@code generate-development-keys} off; development generates a pair
 * into the data folder at first start.
 */
@ConfigurationProperties("tally.jwt")
public record TokenProperties(String issuer, String privateKeyLocation, String publicKeyLocation,
                              boolean generateDevelopmentKeys, Duration accessTokenTtl, Duration refreshTokenTtl) {

    public TokenProperties {
        issuer = issuer == null ? "tally" : issuer;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
    }
}
