package dev.tally.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.platform.security.BearerHeader;
import dev.tally.platform.security.JwtProperties;
import dev.tally.platform.security.PemKeys;
import dev.tally.platform.security.RequestFirewall;
import dev.tally.platform.security.VerifiedTokens;
import dev.tally.platform.web.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import dev.tally.platform.security.SessionRegistry;

/**
 * One security policy for every side: stateless, access tokens verified with the public key only (a leaked
 * query-side or gateway cannot mint tokens), everything under {@code /api} authenticated except sign-in itself.
 */
@AutoConfiguration(before = org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration.class)
@EnableWebSecurity
@EnableConfigurationProperties(JwtProperties.class)
public class SecurityAutoConfiguration {

    /** How far apart the command side's clock and a verifier's may be; Spring's default is a minute. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(5);

    /**
     * On every answer (it matters for the dashboard page and Swagger UI): scripts, styles, images and connections from
     * this origin only (the socket is same-origin, so {@code 'self'} covers it), nothing inline, no framing, no plugins.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public SessionRegistry sessionRegistry(JdbcTemplate jdbc,
                                           @Value("${tally.sessions.refresh-interval:1s}") Duration refreshInterval) {
        return new SessionRegistry(jdbc, Clock.systemUTC(), refreshInterval, 100_000);
    }

    /**
     * Loaded on first use: in standalone, command-side generates the development key pair during start-up. Verified
     * tokens are remembered until they expire (at most 100 000 of them, a few hundred bytes each); whether the token's
     * session is still live is asked at every use, of memory ({@link SessionRegistry}).
     */
    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(JwtProperties properties, SessionRegistry sessions) {
        JwtDecoder verified = new VerifiedTokens(verifier(properties), 100_000, Clock.systemUTC());
        return token -> sessions.require(verified.decode(token));
    }

    /**
     * RS256 only; {@code iss}, {@code exp}, {@code sub} and {@code sid} required; at most 5 s of clock skew; and the
     * header's {@code kid} must name the key (with a JWK set, Nimbus picks the key by it and finds none for another).
     */
    private static JwtDecoder verifier(JwtProperties properties) {
        return new SupplierJwtDecoder(() -> {
            boolean jwks = properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank();
            String keyId = null;
            NimbusJwtDecoder decoder;
            if (jwks) {
                decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
            } else {
                RSAPublicKey key = PemKeys.publicKey(read(properties.publicKeyLocation()));
                keyId = PemKeys.keyId(key);
                decoder = NimbusJwtDecoder.withPublicKey(key).signatureAlgorithm(SignatureAlgorithm.RS256).build();
            }
            String expectedKeyId = keyId;
            OAuth2TokenValidator<Jwt> keyIdCheck = jwt -> {
                Object kid = jwt.getHeaders().get("kid");
                return kid != null && (expectedKeyId == null || expectedKeyId.equals(kid))
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token names no key of ours (kid)", null));
            };
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    new JwtTimestampValidator(MAX_CLOCK_SKEW),
                    new JwtIssuerValidator(properties.issuer()),
                    new JwtClaimValidator<Object>(JwtClaimNames.EXP, java.util.Objects::nonNull),
                    new JwtClaimValidator<Object>(JwtClaimNames.SUB, SecurityAutoConfiguration::text),
                    new JwtClaimValidator<Object>("sid", SecurityAutoConfiguration::text),
                    keyIdCheck));
            return decoder;
        });
    }

    private static boolean text(Object claim) {
        return claim instanceof String value && !value.isBlank();
    }

    /**
     * No observation around each security filter, authentication and authorization: every request is already timed as
     * a whole ({@code http.server.requests}), and wrapping a dozen filters per request cost about 4 % of the command
     * side's CPU under load (docs/benchmarks.md).
     */
    @Bean
    @ConditionalOnMissingBean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, its rules checked without regular expressions ({@link RequestFirewall}). */
    @Bean
    @ConditionalOnMissingBean
    public HttpFirewall httpFirewall() {
        return RequestFirewall.strict();
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        ProblemResponses problems = new ProblemResponses(objectMapper);
        return http
                .csrf(csrf -> csrf.disable())
                // the dashboard page loads only its own files and talks only to its own origin (REST and the socket)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .cors(cors -> {})
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
                                "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm", "/api/v1/auth/verify-email").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(new BearerHeader())
                        .jwt(jwt -> {})
                        .authenticationEntryPoint((request, response, e) -> problems.write(response, HttpStatus.UNAUTHORIZED,
                                "Authentication required", "A valid access token is required (Authorization: Bearer …); it may be missing, malformed or expired."))
                        .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "Forbidden", "This token may not do that.")))
                .exceptionHandling(eh -> eh.authenticationEntryPoint((request, response, e) -> problems.write(response,
                        HttpStatus.UNAUTHORIZED, "Authentication required", "A valid access token is required (Authorization: Bearer …).")))
                .build();
    }

    private static String read(String location) {
        try (var in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the access-token public key at " + location
                    + " (set tally.jwt.public-key-location or tally.jwt.jwk-set-uri)", e);
        }
    }
}
