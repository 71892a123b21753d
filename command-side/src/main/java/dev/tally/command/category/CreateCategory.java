package dev.tally.command.category;

import dev.tally.api.category.CategoryKind;

public record CreateCategory(String categoryId, String ownerId, String name, CategoryKind kind) {
}
