package dev.tally.command.budget;

/**
 * The seam to identity: the time zone a user keeps as a setting, in which budget periods are counted.
 * Read from identity's {@code user_credentials.time_zone} ({@link JdbcUserTimeZones}).
 */
public interface UserTimeZones {

    /** An IANA zone id such as {@code Europe/Berlin}. */
    String of(String userId);
}
