package dev.tally.query.category;

import dev.tally.api.category.CategoryArchived;
import dev.tally.api.category.CategoryCreated;
import dev.tally.api.category.CategoryKind;
import dev.tally.api.category.CategoryRenamed;
import dev.tally.api.feed.FeedEntry;
import dev.tally.query.support.PlainReadSide;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The category projection's rules in plain JUnit, on PostgreSQL through JPA: no Spring context, no event processor. */
class CategoryProjectionPlainTest {

    @RegisterExtension
    static final PlainReadSide readSide = new PlainReadSide();
    private static CategoryProjection projection;
    private static CategoryRepository categories;

    @BeforeAll
    static void start() {
        categories = readSide.repository(CategoryRepository.class);
        projection = new CategoryProjection(categories, readSide.change());
    }

    private static GlobalSequenceTrackingToken at(long index) {
        return new GlobalSequenceTrackingToken(index);
    }

    private static List<String> feedOf(String user) {
        return readSide.signalled.stream().filter(e -> e.userId().equals(user)).map(FeedEntry::payload).toList();
    }

    private static CategoryView stored(String id) {
        return readSide.inTransaction(() -> categories.findById(id).orElseThrow().view());
    }

    @Test
    void aCategoryIsCreatedRenamedAndArchivedAndItsOwnerIsTold() {
        String alice = "u-" + UUID.randomUUID();
        String food = "c-" + UUID.randomUUID();
        readSide.inTransaction(() -> projection.on(new CategoryCreated(food, alice, "Food", CategoryKind.EXPENSE), at(1)));
        readSide.inTransaction(() -> projection.on(new CategoryRenamed(food, alice, "Groceries"), at(2)));
        readSide.inTransaction(() -> projection.on(new CategoryArchived(food, alice), at(3)));

        assertThat(stored(food)).isEqualTo(new CategoryView(food, "Groceries", CategoryKind.EXPENSE, true));
        assertThat(feedOf(alice)).hasSize(3);
        assertThat(feedOf(alice).get(0)).contains("\"name\":\"Food\"");
        assertThat(feedOf(alice).get(2)).contains("\"name\":\"Groceries\"").contains("\"archived\":true");
    }

    @Test
    void aRedeliveredEventChangesNothingAndTellsNobody() {
        String bob = "u-" + UUID.randomUUID();
        String rent = "c-" + UUID.randomUUID();
        readSide.inTransaction(() -> projection.on(new CategoryCreated(rent, bob, "Rent", CategoryKind.EXPENSE), at(5)));
        readSide.inTransaction(() -> projection.on(new CategoryRenamed(rent, bob, "Housing"), at(6)));
        readSide.inTransaction(() -> projection.on(new CategoryCreated(rent, bob, "Rent", CategoryKind.EXPENSE), at(5)));
        readSide.inTransaction(() -> projection.on(new CategoryRenamed(rent, bob, "Housing"), at(6)));

        assertThat(stored(rent).name()).isEqualTo("Housing");
        assertThat(feedOf(bob)).hasSize(2);
    }

    @Test
    void anEventForAnUnknownCategoryFailsAndLeavesNothing() {
        String carol = "u-" + UUID.randomUUID();
        assertThatThrownBy(() -> readSide.inTransaction(() -> projection.on(new CategoryRenamed("c-nope", carol, "X"), at(7))))
                .hasMessageContaining("unknown category");
        assertThat(feedOf(carol)).isEmpty();
        assertThat(readSide.count("SELECT COUNT(*) FROM category_view WHERE owner_id = ?", carol)).isZero();
    }

    @Test
    void aFailingEventIsUndoneAloneWhenItsBatchIsRedoneEventByEvent() {
        String dan = "u-" + UUID.randomUUID();
        String travel = "c-" + UUID.randomUUID();
        Runnable create = () -> projection.on(new CategoryCreated(travel, dan, "Travel", CategoryKind.EXPENSE), at(20));
        Runnable failing = () -> projection.on(new CategoryRenamed("c-" + UUID.randomUUID(), dan, "X"), at(21));

        assertThatThrownBy(() -> readSide.inTransaction(() -> {
            create.run();
            failing.run();
        })).isInstanceOf(RuntimeException.class);
        assertThat(readSide.count("SELECT COUNT(*) FROM category_view WHERE category_id = ?", travel)).as("the batch rolled back").isZero();

        readSide.inTransaction(() -> {
            create.run(); // flushed in its own savepoint
            assertThatThrownBy(failing::run).hasMessageContaining("unknown category"); // undone alone, then dead-lettered
        });
        assertThat(stored(travel).name()).isEqualTo("Travel");
        assertThat(feedOf(dan)).hasSize(1);
    }
}
