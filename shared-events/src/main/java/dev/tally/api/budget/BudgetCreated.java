package dev.tally.api.budget;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import dev.tally.api.money.Money;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A budget for one category ({@code categoryId}) or for all spending ({@code categoryId == null}). */
@Revision("1")
public record BudgetCreated(String budgetId, @DataSubject String ownerId, @PersonalData String name, String categoryId, PeriodType period, Money limit, List<Integer> alertLevels, String timeZone) {
}
