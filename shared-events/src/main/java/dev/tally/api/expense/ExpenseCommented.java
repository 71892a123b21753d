package dev.tally.api.expense;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ExpenseCommented(String transactionId, String ownerId, String commentId, @DataSubject String authorId, @PersonalData String text) {
}
