package dev.tally.api.budget;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import dev.tally.api.money.Money;
import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record BudgetChanged(String budgetId, @DataSubject String ownerId, @PersonalData String name, Money limit, List<Integer> alertLevels) {
}
