package dev.tally.command.identity;

import java.util.Collection;
import java.util.List;

/** Sign-in sessions as the {@link User} ends them: revoking a session makes all of its refresh tokens useless. */
public interface Sessions {

    /** Revokes the user's sessions among {@code sessionIds}; answers those that were still live (each ended once). */
    List<String> revoke(String userId, Collection<String> sessionIds);

    /** Revokes every live session of the user; answers them. */
    List<String> revokeAll(String userId);

    /** Revokes every live session of the user except {@code keptSessionId} (all of them when it is null); answers them. */
    List<String> revokeAllBut(String userId, String keptSessionId);
}
