package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies the access token of a CONNECT auth payload (or of {@code auth:refresh}) with the platform's decoder: public
 * key only, and the token's session must still be live, so a signed-out session cannot connect to any gateway.
 */
public class SocketAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(SocketAuthenticator.class);
    /** What a Bearer header may carry (RFC 6750 b64token): the token goes into one on every command and room:join. */
    private static final Pattern BEARER = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private final JwtDecoder decoder;

    public SocketAuthenticator(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    public Optional<SocketUser> authenticate(JsonNode auth) {
        JsonNode token = auth == null || !auth.isObject() ? null : auth.get("token");
        // the decoder skips characters that are not base64url, so a signed token with a "\n" added would verify
        if (token == null || !token.isTextual() || !BEARER.matcher(token.asText()).matches()) {
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(token.asText());
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new SocketUser(jwt.getSubject(), jwt.getClaimAsString("sid"), jwt.getClaimAsString("name"),
                    token.asText(), jwt.getExpiresAt()));
        } catch (JwtException e) {
            return Optional.empty();
        } catch (RuntimeException e) { // the key could not be loaded: an operator problem, still no access
            log.error("token verification failed: {}", e.toString());
            return Optional.empty();
        }
    }
}
