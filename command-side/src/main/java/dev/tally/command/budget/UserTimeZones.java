package dev.tally.command.budget;

/**
 * The seam to identity: the time zone a user keeps as a setting, in which budget periods are counted.
 * Until identity wires its own implementation (from {@code user_credentials.time_zone}), {@link UtcUserTimeZones} answers.
 */
public interface UserTimeZones {

    /** An IANA zone id such as {@code Europe/Berlin}. */
    String of(String userId);
}
