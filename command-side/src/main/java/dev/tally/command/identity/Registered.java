package dev.tally.command.identity;

/**
 * What registering answers (202), the same whether the email was new or already registered. {@code next} says what to
 * do now: {@code sign_in}. A mail goes to the address either way (a verification link, or a warning to its owner);
 * verifying is not needed to sign in.
 */
public record Registered(String next, String message) {

    static Registered signIn() {
        return new Registered("sign_in", "If this email address was not registered yet, its account is ready: sign in with it "
                + "and your password, and confirm the address with the link we mailed to it. If it was, sign in with the "
                + "password it was registered with.");
    }
}
