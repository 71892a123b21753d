package dev.tally.api.identity;

import org.axonframework.serialization.Revision;

/** A session ({@code sessionId}, the {@code sid} claim of its tokens) was ended: its refresh tokens are revoked and its sockets are closed. */
@Revision("1")
public record UserSignedOut(String userId, String sessionId) {
}
