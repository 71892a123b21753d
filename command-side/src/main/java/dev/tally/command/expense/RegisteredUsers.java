package dev.tally.command.expense;

import java.util.Optional;

/**
 * Who can be named as a participant of a shared expense: registered users by id, and by e-mail only the people the
 * caller already shares expenses with. An unregistered address and a stranger's address get the same answer, so
 * sharing cannot be used to find out who has an account; a first share names the person by their user id.
 */
public interface RegisteredUsers {

    /** The user with this e-mail, if it is {@code askedBy} or they already share an expense (either way round). */
    Optional<String> contactByEmail(String askedBy, String email);

    boolean exists(String userId);
}
