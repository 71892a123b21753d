package dev.tally.api.settle;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import dev.tally.api.money.Money;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** The payer corrected the payment; a dispute it had is answered by it (the payment counts again). */
@Revision("1")
public record PaymentAmended(String paymentId, @DataSubject String payerId, String payeeId, Money amount, LocalDate date, @PersonalData String note) {
}
