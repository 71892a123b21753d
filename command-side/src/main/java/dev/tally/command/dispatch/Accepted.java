package dev.tally.command.dispatch;

/** What a command API answers when a command was accepted: the thing's id and its version after the change (the ETag). */
public record Accepted(String id, long version) {
}
