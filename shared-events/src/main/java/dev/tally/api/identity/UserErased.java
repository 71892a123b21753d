package dev.tally.api.identity;

/**
 * The person erased their account: their data key is destroyed, so their personal fields in every event read back as
 * erased; read models drop their own data and show them to others as a deleted user.
 */
public record UserErased(String userId) {
}
