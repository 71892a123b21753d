package dev.tally.command.expense;

import java.util.Optional;

/** Who can be named as a participant of a shared expense: registered users, by id or by e-mail. */
public interface RegisteredUsers {

    Optional<String> idByEmail(String email);

    boolean exists(String userId);
}
