package dev.tally.command.category;

import dev.tally.api.category.CategoryArchived;
import dev.tally.api.category.CategoryCreated;
import dev.tally.api.category.CategoryKind;
import dev.tally.api.category.CategoryRenamed;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/** A way of grouping spending or earning. Names are unique per owner; archived categories take no new transactions. */
@Aggregate
public class Category {

    @AggregateIdentifier
    private String categoryId;
    private String ownerId;
    private String name;
    private CategoryKind kind;
    private boolean archived;

    protected Category() {
    }

    @CommandHandler
    public Category(CreateCategory command, CategoryDirectory directory) {
        requireFreeName(directory, command.ownerId(), command.name(), null);
        apply(new CategoryCreated(command.categoryId(), command.ownerId(), command.name().trim(), command.kind()));
    }

    @CommandHandler
    public long handle(RenameCategory command, CategoryDirectory directory) {
        requireOwner(command.actorId());
        requireLive();
        if (!name.equals(command.name().trim())) {
            requireFreeName(directory, ownerId, command.name(), categoryId);
            apply(new CategoryRenamed(categoryId, ownerId, command.name().trim()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ArchiveCategory command) {
        requireOwner(command.actorId());
        if (!archived) {
            apply(new CategoryArchived(categoryId, ownerId));
        }
        return getVersion();
    }

    private static void requireFreeName(CategoryDirectory directory, String ownerId, String name, String except) {
        if (directory.nameTaken(ownerId, name, except)) {
            throw new RuleViolation("category_name_taken", "name", "You already have a category named " + name.trim() + ".");
        }
    }

    private void requireOwner(String actorId) {
        if (!ownerId.equals(actorId)) {
            throw new NotFoundException("category", categoryId);
        }
    }

    private void requireLive() {
        if (archived) {
            throw new RuleViolation("category_archived", "The category is archived.");
        }
    }

    @EventSourcingHandler
    void on(CategoryCreated event) {
        categoryId = event.categoryId();
        ownerId = event.ownerId();
        name = event.name();
        kind = event.kind();
    }

    @EventSourcingHandler
    void on(CategoryRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(CategoryArchived event) {
        archived = true;
    }
}
