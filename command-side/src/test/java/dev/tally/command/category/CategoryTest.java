package dev.tally.command.category;

import dev.tally.api.category.CategoryArchived;
import dev.tally.api.category.CategoryCreated;
import dev.tally.api.category.CategoryRenamed;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.tally.api.category.CategoryKind.EXPENSE;

class CategoryTest {

    private AggregateTestFixture<Category> fixture;
    private FakeCategoryDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Category.class);
        directory = new FakeCategoryDirectory();
        fixture.registerInjectableResource(directory);
    }

    @Test
    void createsWithATrimmedName() {
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("c1", "alice", "  Pets ", EXPENSE))
                .expectEvents(new CategoryCreated("c1", "alice", "Pets", EXPENSE));
    }

    @Test
    void refusesANameTheOwnerAlreadyUsesIgnoringCase() {
        directory.with("c0", "alice", "Pets", EXPENSE, false);
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("c1", "alice", "pets", EXPENSE))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anotherOwnersNameOrAnArchivedOneIsFree() {
        directory.with("c0", "bob", "Pets", EXPENSE, false).with("c9", "alice", "Pets", EXPENSE, true);
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("c1", "alice", "Pets", EXPENSE))
                .expectEvents(new CategoryCreated("c1", "alice", "Pets", EXPENSE));
    }

    @Test
    void renamesButNotToATakenName() {
        directory.with("c1", "alice", "Pets", EXPENSE, false).with("c2", "alice", "Vet", EXPENSE, false);
        fixture.given(new CategoryCreated("c1", "alice", "Pets", EXPENSE))
                .when(new RenameCategory("c1", "alice", null, "Animals"))
                .expectEvents(new CategoryRenamed("c1", "alice", "Animals"));
        fixture.given(new CategoryCreated("c1", "alice", "Pets", EXPENSE))
                .when(new RenameCategory("c1", "alice", null, "VET"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void renamingToItsOwnNameInAnotherCaseIsAllowed() {
        directory.with("c1", "alice", "Pets", EXPENSE, false);
        fixture.given(new CategoryCreated("c1", "alice", "Pets", EXPENSE))
                .when(new RenameCategory("c1", "alice", null, "PETS"))
                .expectEvents(new CategoryRenamed("c1", "alice", "PETS"));
    }

    @Test
    void archivesOnceAndThenRefusesRenames() {
        fixture.given(new CategoryCreated("c1", "alice", "Pets", EXPENSE))
                .when(new ArchiveCategory("c1", "alice", null))
                .expectEvents(new CategoryArchived("c1", "alice"));
        fixture.given(new CategoryCreated("c1", "alice", "Pets", EXPENSE), new CategoryArchived("c1", "alice"))
                .when(new ArchiveCategory("c1", "alice", null))
                .expectNoEvents();
        fixture.given(new CategoryCreated("c1", "alice", "Pets", EXPENSE), new CategoryArchived("c1", "alice"))
                .when(new RenameCategory("c1", "alice", null, "Animals"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anotherUserCannotTouchIt() {
        fixture.given(new CategoryCreated("c1", "alice", "Pets", EXPENSE))
                .when(new RenameCategory("c1", "mallory", null, "Mine"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(new CategoryCreated("c1", "alice", "Pets", EXPENSE))
                .when(new ArchiveCategory("c1", "mallory", null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }
}
