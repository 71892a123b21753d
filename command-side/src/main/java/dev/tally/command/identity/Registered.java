package dev.tally.command.identity;

/**
 * What registering answers (202), the same whether the email was new or already registered. {@code next} says what to
 * do now: {@code sign_in} today; {@code verify_email} once registration sends a verification email (issue 16).
 */
public record Registered(String next, String message) {

    static Registered signIn() {
        return new Registered("sign_in", "If this email address was not registered yet, its account is ready: sign in with it "
                + "and your password. If it was, sign in with the password it was registered with.");
    }
}
