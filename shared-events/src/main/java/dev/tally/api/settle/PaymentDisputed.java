package dev.tally.api.settle;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;

import org.axonframework.serialization.Revision;

/** The payee says the payment did not happen as recorded; until the payer amends it, it moves no balance. */
@Revision("1")
public record PaymentDisputed(String paymentId, String payerId, @DataSubject String payeeId, @PersonalData String reason) {
}
