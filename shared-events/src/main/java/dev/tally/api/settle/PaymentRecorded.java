package dev.tally.api.settle;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import dev.tally.api.money.Money;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/**
 * {@code payerId} paid {@code payeeId} {@code amount} to settle (some of) what they owe: it moves their shared balances
 * (and the group's, when {@code groupId} is set). {@code transactionId}: the payer's own transaction that moved the money, if linked.
 */
@Revision("1")
public record PaymentRecorded(String paymentId, @DataSubject String payerId, String payeeId, Money amount, String groupId, LocalDate date, @PersonalData String note, String transactionId) {
}
