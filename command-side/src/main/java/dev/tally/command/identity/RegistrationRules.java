package dev.tally.command.identity;

import dev.tally.platform.text.TextPolicy;
import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.InvalidRequest;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Normalises and checks what a person registers with; every field at fault is reported at once. */
public final class RegistrationRules {

    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 128;
    static final int MAX_DISPLAY_NAME = 80;
    static final int MAX_EMAIL = 254;

    private static final Pattern HOME_CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    /** The most common passwords of ten characters or more; anything longer than this list is not "obvious". */
    private static final Set<String> COMMON = Set.of("password12", "password123", "password1234", "password!1",
            "passw0rd123", "p@ssw0rd123", "1234567890", "0123456789", "0987654321", "12345678910", "123456789a",
            "a123456789", "1234567890a", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx3edc", "qwertyuiop", "qwertyuiop1",
            "qwerty1234", "qwerty12345", "qwerty123456", "asdfghjkl1", "zxcvbnm123", "iloveyou12", "iloveyou123",
            "letmein123", "welcome123", "welcome1234", "abc1234567", "abcdefghij", "abcd123456", "trustno1234",
            "changeme123", "administrator", "football123", "baseball123", "sunshine123", "princess123", "monkey1234",
            "dragon1234", "master1234", "superman123", "starwars123", "computer123", "michael123", "charlie123",
            "1111111111", "0000000000", "passwordpassword", "mypassword1", "mypassword", "secret1234", "tally12345");

    private RegistrationRules() {
    }

    record Registration(String email, String password, String displayName, String timeZone, String homeCurrency) {
        @Override
        public String toString() {
            return "Registration[email=" + email + "]";
        }
    }

    /** The trimmed, lower-case form emails are stored and looked up in. */
    public static String normaliseEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidRequest naming each field at fault */
    static Registration check(String email, String password, String displayName, String timeZone, String homeCurrency) {
        List<FieldError> errors = new ArrayList<>();
        String normalisedEmail = normaliseEmail(email);
        String emailProblem = emailProblem(normalisedEmail);
        if (emailProblem != null) {
            errors.add(new FieldError("email", emailProblem));
        }
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("displayName", "must not be blank"));
        } else if (name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) {
            errors.add(new FieldError("displayName", "must be at most " + MAX_DISPLAY_NAME + " characters"));
        } else if (name.codePoints().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("displayName", "must not contain control characters"));
        } else if (TextPolicy.nameProblem(name) != null) {
            errors.add(new FieldError("displayName", TextPolicy.nameProblem(name)));
        }
        String passwordProblem = passwordProblem(password, normalisedEmail, name);
        if (passwordProblem != null) {
            errors.add(new FieldError("password", passwordProblem));
        }
        String zone = "UTC";
        if (timeZone != null && !timeZone.isBlank()) {
            try {
                zone = ZoneId.of(timeZone.trim()).getId();
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "must be a time zone such as Europe/Paris"));
            }
        }
        // as PUT /me/home-currency checks it: a malformed code is 400, an unknown one 422
        if (homeCurrency != null && !HOME_CURRENCY.matcher(homeCurrency).matches()) {
            errors.add(new FieldError("homeCurrency", "must be an ISO 4217 code such as EUR"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        if (homeCurrency != null) { // before the email is looked up, so a taken one is refused alike
            User.requireCurrency(homeCurrency, "homeCurrency");
        }
        return new Registration(normalisedEmail, password, name, zone, homeCurrency);
    }

    /** Why a normalised email is refused, or null. */
    public static String emailProblem(String normalisedEmail) {
        if (normalisedEmail.isEmpty()) {
            return "must not be blank";
        }
        if (normalisedEmail.length() > MAX_EMAIL || !EMAIL.matcher(normalisedEmail).matches()) {
            return "must be an email address such as name@example.com";
        }
        return null;
    }

    /** Why the password is refused (never echoing it), or null. Length counts characters, not bytes. */
    static String passwordProblem(String password, String email, String displayName) {
        if (password == null || password.isEmpty()) {
            return "must not be blank";
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            return "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.isBlank() || lower.codePoints().distinct().count() < 3 || isSequence(lower) || COMMON.contains(lower)) {
            return "is too easy to guess; use a longer phrase of unrelated words";
        }
        String localPart = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        if ((localPart.length() >= 4 && lower.contains(localPart))
                || (displayName.length() >= 4 && lower.contains(displayName.toLowerCase(Locale.ROOT)))) {
            return "must not contain your email address or name";
        }
        return null;
    }

    /** 0123456789, abcdefghij, 9876543210 … */
    private static boolean isSequence(String password) {
        int[] chars = password.codePoints().toArray();
        int step = chars[1] - chars[0];
        if (Math.abs(step) != 1) {
            return false;
        }
        for (int i = 2; i < chars.length; i++) {
            if (chars[i] - chars[i - 1] != step) {
                return false;
            }
        }
        return true;
    }
}
