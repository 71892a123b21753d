package dev.tally.api.account;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import dev.tally.api.money.Money;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountOpened(String accountId, @DataSubject String ownerId, @PersonalData String name, AccountType type, String currency, Money openingBalance) implements AccountEvent {
}
