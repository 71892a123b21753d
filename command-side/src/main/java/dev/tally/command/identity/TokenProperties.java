package dev.tally.command.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Signing side of access tokens. Production hands over the key pair ({@code private-key-location},
 * {@code public-key-location}, PEM) and turns {@code generate-development-keys} off; development generates a pair
 * into the data folder at first start.
 */
@ConfigurationProperties("tally.jwt")
public record TokenProperties(String issuer, String privateKeyLocation, String publicKeyLocation,
                              @DefaultValue("true") boolean generateDevelopmentKeys, Duration accessTokenTtl, Duration refreshTokenTtl) {

    public TokenProperties {
        issuer = issuer == null ? "tally" : issuer;
        privateKeyLocation = privateKeyLocation == null ? "file:./data/keys/jwt-private.pem" : privateKeyLocation;
        publicKeyLocation = publicKeyLocation == null ? "file:./data/keys/jwt-public.pem" : publicKeyLocation;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
    }
}
