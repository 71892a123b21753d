package dev.tally.api.category;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CategoryRenamed(String categoryId, String ownerId, String name) {
}
