package dev.tally.command.identity;

/**
 * The email is registered already. Never shown to the client: registration answers a taken email exactly as a new
 * one (Registrations), so that registering says nothing about who has an account.
 */
public class EmailTaken extends RuntimeException {

    public EmailTaken() {
        super("email already registered", null, false, false);
    }
}
