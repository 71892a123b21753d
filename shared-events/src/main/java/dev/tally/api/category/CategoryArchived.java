package dev.tally.api.category;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CategoryArchived(String categoryId, String ownerId) {
}
