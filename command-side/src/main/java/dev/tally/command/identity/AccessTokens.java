package dev.tally.command.identity;

import dev.tally.platform.id.Ids;
import io.jsonwebtoken.Jwts;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/** Mints short-lived access tokens: subject = user id, {@code sid} = sign-in session, {@code name} = display name. */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final TokenProperties properties;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, TokenProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public IssuedToken issue(String userId, String sessionId, String displayName) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.accessTokenTtl());
        String token = Jwts.builder()
                .header().keyId(keys.keyId()).and()
                .issuer(properties.issuer())
                .subject(userId)
                .id(Ids.next())
                .claim("sid", sessionId)
                .claim("name", displayName)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .signWith(keys.privateKey(), Jwts.SIG.RS256)
                .compact();
        return new IssuedToken(token, expires);
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }
}
