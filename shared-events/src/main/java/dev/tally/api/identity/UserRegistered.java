package dev.tally.api.identity;

import org.axonframework.serialization.Revision;

/** A person joined. Credentials never travel in events: only what others may see. */
@Revision("1")
public record UserRegistered(String userId, String displayName, String timeZone) {
}
