package dev.tally.command.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Credentials as fixture tests set them up, in memory, with the table's unique email. */
class FakeCredentials implements Credentials {

    final Map<String, Credential> byUser = new LinkedHashMap<>();
    final Set<String> verified = new TreeSet<>();

    @Override
    public void add(Credential credential) {
        if (findByEmail(credential.email()).isPresent()) {
            throw new EmailTaken();
        }
        byUser.put(credential.userId(), credential);
    }

    @Override
    public Optional<Credential> findByEmail(String email) {
        return byUser.values().stream().filter(c -> c.email().equals(email)).findFirst();
    }

    @Override
    public Optional<Credential> find(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    @Override
    public void replacePasswordHash(String userId, String passwordHash) {
        byUser.computeIfPresent(userId, (id, c) -> new Credential(id, c.email(), passwordHash, c.displayName(), c.timeZone()));
    }

    @Override
    public void markEmailVerified(String userId) {
        verified.add(userId);
    }

    @Override
    public boolean emailVerified(String userId) {
        return verified.contains(userId);
    }
}
