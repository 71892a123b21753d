package dev.tally.command.identity;

import java.util.Optional;

/**
 * What signing in checks, kept apart from events: the normalised email, the password hash, and the profile the tokens
 * carry. {@link #add} runs inside the registering unit of work, so the row and the {@code UserRegistered} event commit
 * together or not at all.
 */
public interface Credentials {

    /** @throws EmailTaken when the email is already registered */
    void add(Credential credential);

    Optional<Credential> findByEmail(String email);

    Optional<Credential> find(String userId);

    /** Stores a stronger hash of the same password (after the encoder's defaults changed). */
    void replacePasswordHash(String userId, String passwordHash);

    /** Records that the user proved the address theirs (a verification link was used). */
    void markEmailVerified(String userId);

    boolean emailVerified(String userId);

    record Credential(String userId, String email, String passwordHash, String displayName, String timeZone) {

        @Override
        public String toString() {
            return "Credential[userId=" + userId + "]";
        }
    }
}
