package dev.tally.platform.config;

/**
 * A module's own Flyway migrations, kept in their own history table so that modules version their schemas
 * independently and any combination of them (one side alone, or all in standalone) can share one database.
 *
 * @param name     short module name; the history table is {@code flyway_history_<name>}
 * @param location Flyway location of its scripts, such as {@code classpath:db/command}
 */
public record ModuleSchema(String name, String location) {
}
