package dev.tally.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the access-token verification key comes from: a JWKS endpoint (split deployment, from command-side's
 * {@code /.well-known/jwks.json}) or a PEM public key file (standalone and tests, generated into the data folder).
 */
@ConfigurationProperties("tally.jwt")
public record JwtProperties(String jwkSetUri, String publicKeyLocation, String issuer) {

    public JwtProperties {
        if (publicKeyLocation == null || publicKeyLocation.isBlank()) {
            publicKeyLocation = "file:./data/keys/jwt-public.pem";
        }
        if (issuer == null || issuer.isBlank()) {
            issuer = "tally";
        }
    }
}
