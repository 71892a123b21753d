package dev.tally.command.category;

import dev.tally.api.category.CategoryKind;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The category directory as fixture tests set it up, in memory. */
public class FakeCategoryDirectory implements CategoryDirectory {

    private final Map<String, DirectoryEntry> entries = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    public FakeCategoryDirectory with(String categoryId, String ownerId, String name, CategoryKind kind, boolean archived) {
        entries.put(categoryId, new DirectoryEntry(categoryId, ownerId, kind, archived));
        names.put(categoryId, ownerId + "\n" + CategoryDirectory.nameKey(name));
        return this;
    }

    @Override
    public Optional<DirectoryEntry> find(String categoryId) {
        return Optional.ofNullable(entries.get(categoryId));
    }

    @Override
    public boolean nameTaken(String ownerId, String name, String exceptCategoryId) {
        String key = ownerId + "\n" + CategoryDirectory.nameKey(name);
        return names.entrySet().stream().anyMatch(e -> e.getValue().equals(key) && !e.getKey().equals(exceptCategoryId)
                && !entries.get(e.getKey()).archived());
    }
}
