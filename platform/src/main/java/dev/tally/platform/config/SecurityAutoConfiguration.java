package dev.tally.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.platform.security.JwtProperties;
import dev.tally.platform.security.PemKeys;
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
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * One security policy for every side: stateless, access tokens verified with the public key only (a leaked
 * query-side or gateway cannot mint tokens), everything under {@code /api} authenticated except sign-in itself.
 */
@AutoConfiguration(before = org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration.class)
@EnableWebSecurity
@EnableConfigurationProperties(JwtProperties.class)
public class SecurityAutoConfiguration {

    /**
     * Loaded on first use: in standalone, command-side generates the development key pair during start-up. Verified
     * tokens are remembered until they expire (at most 100 000 of them, a few hundred bytes each).
     */
    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(JwtProperties properties) {
        return new VerifiedTokens(verifier(properties), 100_000, Clock.systemUTC());
    }

    private static JwtDecoder verifier(JwtProperties properties) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()
                    ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build()
                    : NimbusJwtDecoder.withPublicKey(PemKeys.publicKey(read(properties.publicKeyLocation())))
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
            return decoder;
        });
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

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        ProblemResponses problems = new ProblemResponses(objectMapper);
        return http
                .csrf(csrf -> csrf.disable())
                .cors(cors -> {})
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(rs -> rs
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
