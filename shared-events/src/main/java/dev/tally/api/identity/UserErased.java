package dev.tally.api.identity;

import java.util.List;

/**
 * The person erased their account: their data key is destroyed, so their personal fields in every event read back as
 * erased; read models drop their own data and show them to others as a deleted user. {@code invitationIds}: the
 * invitations to their address or accepted by them, whose own keys (the address) were destroyed with theirs; empty in
 * events stored before invitations had keys.
 */
public record UserErased(String userId, List<String> invitationIds) {

    public UserErased {
        invitationIds = invitationIds == null ? List.of() : List.copyOf(invitationIds);
    }

    public UserErased(String userId) {
        this(userId, List.of());
    }
}
