package dev.tally.api.group;

import org.axonframework.serialization.Revision;

/** A group of people sharing costs was started; its creator is its first member. */
@Revision("1")
public record GroupCreated(String groupId, String creatorId, String name) {
}
