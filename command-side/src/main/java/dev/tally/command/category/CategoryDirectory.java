package dev.tally.command.category;

import dev.tally.api.category.CategoryKind;

import java.util.Optional;

/** Categories as other aggregates need to check them (owner, kind, archived), and the names each owner already uses. */
public interface CategoryDirectory {

    Optional<DirectoryEntry> find(String categoryId);

    /** Whether the owner has a live category of this name (ignoring case and surrounding blanks) other than {@code exceptCategoryId}. */
    boolean nameTaken(String ownerId, String name, String exceptCategoryId);

    /**
     * Why {@code categoryId} cannot take {@code kind} of money for {@code ownerId} (not theirs, archived, or of the other
     * kind), as a message for the {@code categoryId} field; empty when it can.
     */
    default Optional<String> refusal(String ownerId, String categoryId, CategoryKind kind) {
        DirectoryEntry category = find(categoryId).filter(c -> c.ownerId().equals(ownerId)).orElse(null);
        if (category == null) {
            return Optional.of("is not one of your categories");
        }
        if (category.archived()) {
            return Optional.of("the category is archived");
        }
        if (category.kind() != kind) {
            return Optional.of("is a category of " + (category.kind() == CategoryKind.EXPENSE ? "spending" : "earning")
                    + ", not of " + (kind == CategoryKind.EXPENSE ? "spending" : "earning"));
        }
        return Optional.empty();
    }

    static String nameKey(String name) {
        return name.trim().toLowerCase(java.util.Locale.ROOT);
    }

    record DirectoryEntry(String categoryId, String ownerId, CategoryKind kind, boolean archived) {
    }
}
