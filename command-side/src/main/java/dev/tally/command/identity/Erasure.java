package dev.tally.command.identity;

/**
 * What erasing a person does outside their events, in the erasing unit of work: destroys their data key (their
 * personal fields in every event and snapshot become unreadable) and deletes the command side's rows about them.
 */
public interface Erasure {

    void erase(String userId);
}
