package dev.tally.api.settle;


import org.axonframework.serialization.Revision;

/** The payee says the payment did not happen as recorded; until the payer amends it, it moves no balance. */
@Revision("1")
public record PaymentDisputed(String paymentId, String payerId, String payeeId, String reason) {
}
