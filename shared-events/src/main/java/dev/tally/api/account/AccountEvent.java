package dev.tally.api.account;

/** Every event of an account's stream, so a reader finds the account (and its owner) without asking which one it is. */
public interface AccountEvent {

    String accountId();

    String ownerId();
}
