package dev.tally.command.group;

public record CreateGroup(String groupId, String creatorId, String name) {
}
