package dev.tally.api.settle;


import org.axonframework.serialization.Revision;

/** The payer withdrew the payment; the balances are as if it never happened. */
@Revision("1")
public record PaymentDeleted(String paymentId, String payerId, String payeeId) {
}
