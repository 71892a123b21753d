package dev.tally.query.category;

import dev.tally.api.category.CategoryArchived;
import dev.tally.api.category.CategoryCreated;
import dev.tally.api.category.CategoryRenamed;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.ReadModelTables;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Consumer;

@Component
@ReadModelTables("category_view")
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class CategoryProjection {

    private final CategoryRepository categories;
    private final ReadModelChange change;

    public CategoryProjection(CategoryRepository categories, ReadModelChange change) {
        this.categories = categories;
        this.change = change;
    }

    @EventHandler
    void on(CategoryCreated event, TrackingToken token) {
        change.apply(token, () -> {
            if (categories.findById(event.categoryId()).isPresent()) {
                return List.of();
            }
            Category category = categories.save(new Category(event.categoryId(), event.ownerId(), event.name(), event.kind(),
                    ReadModelChange.index(token)));
            return List.of(update(category));
        });
    }

    @EventHandler
    void on(CategoryRenamed event, TrackingToken token) {
        change(event.categoryId(), token, c -> c.renamed(event.name(), ReadModelChange.index(token)));
    }

    @EventHandler
    void on(CategoryArchived event, TrackingToken token) {
        change(event.categoryId(), token, c -> c.archived(ReadModelChange.index(token)));
    }

    private void change(String categoryId, TrackingToken token, Consumer<Category> mutation) {
        change.apply(token, () -> {
            Category category = categories.findById(categoryId)
                    .orElseThrow(() -> new IllegalStateException("event for unknown category " + categoryId));
            if (!category.accepts(ReadModelChange.index(token))) {
                return List.of();
            }
            mutation.accept(category);
            return List.of(update(category));
        });
    }

    private static FeedUpdate update(Category category) {
        return new FeedUpdate(category.ownerId(), FeedEvents.CATEGORY_UPDATED, category.view());
    }
}
