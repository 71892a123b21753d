package dev.tally.command.category;

import dev.tally.api.category.CategoryArchived;
import dev.tally.api.category.CategoryCreated;
import dev.tally.api.category.CategoryKind;
import dev.tally.api.category.CategoryRenamed;
import dev.tally.command.dispatch.CommandModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@code category_directory}, kept in the same transaction as the category events. */
@Component
@ProcessingGroup(CommandModel.CONSISTENCY_GROUP)
class JdbcCategoryDirectory implements CategoryDirectory {

    private final JdbcClient jdbc;

    JdbcCategoryDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<DirectoryEntry> find(String categoryId) {
        return jdbc.sql("SELECT category_id, owner_id, kind, archived FROM category_directory WHERE category_id = ?")
                .param(categoryId)
                .query((rs, n) -> new DirectoryEntry(rs.getString(1), rs.getString(2), CategoryKind.valueOf(rs.getString(3)), rs.getBoolean(4)))
                .optional();
    }

    @Override
    public boolean nameTaken(String ownerId, String name, String exceptCategoryId) {
        return jdbc.sql("SELECT COUNT(*) FROM category_directory WHERE owner_id = ? AND name_key = ? AND NOT archived AND category_id <> ?")
                .params(ownerId, CategoryDirectory.nameKey(name), exceptCategoryId == null ? "" : exceptCategoryId)
                .query(Long.class).single() > 0;
    }

    @EventHandler
    void on(CategoryCreated event) {
        jdbc.sql("INSERT INTO category_directory (category_id, owner_id, name, name_key, kind, archived) VALUES (?, ?, ?, ?, ?, FALSE)")
                .params(event.categoryId(), event.ownerId(), event.name(), CategoryDirectory.nameKey(event.name()), event.kind().name())
                .update();
    }

    @EventHandler
    void on(CategoryRenamed event) {
        jdbc.sql("UPDATE category_directory SET name = ?, name_key = ? WHERE category_id = ?")
                .params(event.name(), CategoryDirectory.nameKey(event.name()), event.categoryId())
                .update();
    }

    @EventHandler
    void on(CategoryArchived event) {
        jdbc.sql("UPDATE category_directory SET archived = TRUE WHERE category_id = ?").param(event.categoryId()).update();
    }
}
