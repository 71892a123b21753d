package dev.tally.command.identity;

import java.util.List;

/**
 * What erasing a person does outside their events, in the erasing unit of work: destroys their data key (their
 * personal fields in every event and snapshot become unreadable) and deletes the command side's rows about them.
 */
public interface Erasure {

    /** @return the ids of the invitations whose address keys were destroyed with the person's (for {@code UserErased}) */
    List<String> erase(String userId);
}
