package dev.tally.command.dispatch;

import dev.tally.command.category.RenameCategory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTargetsTest {

    private final CommandTargets targets = new CommandTargets();

    @Test
    void aRecordNamesItsAggregateAndTheVersionItExpects() {
        assertThat(target(new RenameCategory("category-1", "user-1", 7L, "Food")))
                .isEqualTo(new VersionedAggregateIdentifier("category-1", 7L));
        assertThat(target(new RenameCategory("category-1", "user-1", null, "Food")))
                .isEqualTo(new VersionedAggregateIdentifier("category-1", null));
    }

    @Test
    void eachCommandIsReadForItselfThoughItsTypeIsLookedAtOnce() {
        assertThat(target(new RenameCategory("category-1", "user-1", 1L, "Food")).getIdentifier()).isEqualTo("category-1");
        assertThat(target(new RenameCategory("category-2", "user-1", 2L, "Rent")))
                .isEqualTo(new VersionedAggregateIdentifier("category-2", 2L));
    }

    @Test
    void annotatedFieldsAndTextualVersionsAreReadAsAxonReadsThem() {
        assertThat(target(new FieldCommand("budget-9", "12"))).isEqualTo(new VersionedAggregateIdentifier("budget-9", 12L));
    }

    @Test
    void aCommandThatNamesNoAggregateIsRefused() {
        assertThatThrownBy(() -> target(new RenameCategory(null, "user-1", 1L, "Food")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RenameCategory");
        assertThatThrownBy(() -> target(new Unannotated("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@TargetAggregateIdentifier");
    }

    @Test
    void aVersionThatIsNoNumberIsRefused() {
        assertThatThrownBy(() -> target(new FieldCommand("budget-9", "seven")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
    }

    private VersionedAggregateIdentifier target(Object command) {
        return targets.resolveTarget(GenericCommandMessage.asCommandMessage(command));
    }

    static final class FieldCommand {
        @TargetAggregateIdentifier
        private final String budgetId;
        @TargetAggregateVersion
        private final String version;

        FieldCommand(String budgetId, String version) {
            this.budgetId = budgetId;
            this.version = version;
        }
    }

    record Unannotated(String id) {
    }
}
