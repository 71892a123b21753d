package dev.tally.api.account;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountRenamed(String accountId, String ownerId, String name) {
}
