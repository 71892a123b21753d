package dev.tally.command.config;

import dev.tally.command.identity.IdentityProperties;
import dev.tally.command.mail.MailSettings;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import java.util.Map;

/**
 * The password encoder. PBKDF2-HMAC-SHA256 (Spring Security's 5.8 defaults: 310 000 iterations, 16-byte salt), because
 * Argon2 and scrypt need BouncyCastle (not in the build) and bcrypt refuses passwords over 72 bytes (Spring Security 6.5),
 * while we admit 128 characters. Hashes carry their encoder id ({@code {pbkdf2@SpringSecurity_v5_8}…}), so a stronger
 * default later re-hashes each password at its next sign-in (SignIns); bcrypt hashes still verify.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IdentityProperties.class, MailSettings.class})
public class IdentityConfiguration {

    public static final String DEFAULT_ENCODER = "pbkdf2@SpringSecurity_v5_8";

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(DEFAULT_ENCODER, Map.of(
                DEFAULT_ENCODER, Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }
}
