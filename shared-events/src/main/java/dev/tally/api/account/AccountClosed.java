package dev.tally.api.account;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountClosed(String accountId, String ownerId) implements AccountEvent {
}
