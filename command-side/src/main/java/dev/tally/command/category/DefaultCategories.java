package dev.tally.command.category;

import dev.tally.api.category.CategoryKind;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** The categories every new user starts with; ids derive from the user id, so creating them twice is harmless. */
public final class DefaultCategories {

    public static final List<String> SPENDING = List.of("Groceries", "Dining out", "Transport", "Housing", "Utilities",
            "Health", "Entertainment", "Shopping", "Travel", "Education", "Gifts", "Other");
    public static final List<String> EARNING = List.of("Salary", "Other income");

    private DefaultCategories() {
    }

    public static List<CreateCategory> forUser(String userId) {
        var spending = SPENDING.stream().map(name -> create(userId, name, CategoryKind.EXPENSE));
        var earning = EARNING.stream().map(name -> create(userId, name, CategoryKind.INCOME));
        return java.util.stream.Stream.concat(spending, earning).toList();
    }

    private static CreateCategory create(String userId, String name, CategoryKind kind) {
        String id = UUID.nameUUIDFromBytes(("default-category\n" + userId + "\n" + name).getBytes(StandardCharsets.UTF_8)).toString();
        return new CreateCategory(id, userId, name, kind);
    }
}
