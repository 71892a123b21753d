package dev.tally.platform.privacy;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The key that wraps every person's data key: given as configuration (base64 of 32 bytes), or read from a file, which
 * a development start generates into the data folder. Never in the repository, never in the database.
 */
public final class MasterKey {

    private MasterKey() {
    }

    /** The master key being rotated away from (tally.privacy.previous-master-key), or null when none is given. */
    public static SecretKey previous(String configured) {
        return configured == null || configured.isBlank() ? null : decode(configured.trim(), "tally.privacy.previous-master-key");
    }

    public static SecretKey load(String configured, Path location, boolean generate) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.trim(), "tally.privacy.master-key");
        }
        try {
            if (!Files.exists(location)) {
                if (!generate) {
                    throw new IllegalStateException("No master key: set tally.privacy.master-key (TALLY_MASTER_KEY) or put one at "
                            + location + " (tally.privacy.generate-master-key is false)");
                }
                generate(location);
            }
            return decode(Files.readString(location, StandardCharsets.US_ASCII).trim(), location.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read or create the master key at " + location, e);
        }
    }

    /**
     * Written whole to a temporary file and moved into place only if none is there yet: two processes (or threads)
     * starting on one fresh data folder end up with the same key, the first one's, and nobody reads a half-written file.
     */
    private static void generate(Path location) throws IOException {
        Path folder = location.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path draft = Files.createTempFile(folder, ".master-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: the data folder's own protection applies
            }
            Files.writeString(draft, Base64.getEncoder().encodeToString(DataKeys.newKey().getEncoded()) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(location, draft); // atomic, and fails if the key exists: never replaces one
            } catch (UnsupportedOperationException noHardLinks) {
                Files.copy(draft, location); // fails if the key exists, too
            }
        } catch (FileAlreadyExistsException anotherWasFirst) {
            // theirs is read by the caller
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    private static SecretKey decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key in " + source + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("The master key in " + source + " must be 32 bytes (base64 of 32 random bytes: openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
