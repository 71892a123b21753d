package dev.tally.command.category;

import dev.tally.api.category.CategoryKind;

import java.util.Optional;

/** Categories as other aggregates need to check them (owner, kind, archived), and the names each owner already uses. */
public interface CategoryDirectory {

    Optional<DirectoryEntry> find(String categoryId);

    /** Whether the owner has a live category of this name (ignoring case and surrounding blanks) other than {@code exceptCategoryId}. */
    boolean nameTaken(String ownerId, String name, String exceptCategoryId);

    static String nameKey(String name) {
        return name.trim().toLowerCase(java.util.Locale.ROOT);
    }

    record DirectoryEntry(String categoryId, String ownerId, CategoryKind kind, boolean archived) {
    }
}
