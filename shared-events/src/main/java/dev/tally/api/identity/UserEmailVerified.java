package dev.tally.api.identity;

import org.axonframework.serialization.Revision;

/** The person proved they read the mail sent to their address; the address itself stays out of events. */
@Revision("1")
public record UserEmailVerified(String userId) {
}
