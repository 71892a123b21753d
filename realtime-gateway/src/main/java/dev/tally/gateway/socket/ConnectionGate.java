package dev.tally.gateway.socket;

import java.util.Optional;

/** Decides whether an authenticated socket may connect (the per-user cap); released when an admitted socket goes. */
public interface ConnectionGate {

    /** @return empty to admit, or the message of the {@code 44} refusal */
    Optional<String> admit(ClientSocket socket);

    void release(ClientSocket socket);
}
