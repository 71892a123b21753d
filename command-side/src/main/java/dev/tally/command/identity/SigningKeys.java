package dev.tally.command.identity;

import dev.tally.platform.security.PemKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

/**
 * The RSA key pair access tokens are signed with (RS256). Read from configuration; when absent and development keys
 * are allowed, generated once into the data folder (private key readable by the owner only) and reused across restarts.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    public SigningKeys(TokenProperties properties) throws Exception {
        Resource privateResource = new DefaultResourceLoader().getResource(properties.privateKeyLocation());
        Resource publicResource = new DefaultResourceLoader().getResource(properties.publicKeyLocation());
        if (!privateResource.exists() || !publicResource.exists()) {
            if (!properties.generateDevelopmentKeys()) {
                throw new IllegalStateException("No token signing keys at " + properties.privateKeyLocation() + " and "
                        + properties.publicKeyLocation() + ", and tally.jwt.generate-development-keys is false");
            }
            generate(privateResource.getFile().toPath(), publicResource.getFile().toPath());
        }
        this.privateKey = PemKeys.privateKey(read(privateResource));
        this.publicKey = PemKeys.publicKey(read(publicResource));
        this.keyId = PemKeys.keyId(publicKey);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    private static void generate(Path privatePath, Path publicPath) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        Files.createDirectories(privatePath.toAbsolutePath().getParent());
        Files.createDirectories(publicPath.toAbsolutePath().getParent());
        Files.writeString(privatePath, PemKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privatePath, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(publicPath, PemKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        log.warn("Generated a development token signing key pair in {}; configure tally.jwt.*-key-location in production",
                privatePath.toAbsolutePath().getParent());
    }

    private static String read(Resource resource) throws IOException {
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
