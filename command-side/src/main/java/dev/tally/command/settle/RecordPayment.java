package dev.tally.command.settle;

import dev.tally.api.money.Money;

import java.time.LocalDate;

/** {@code groupId}, {@code transactionId} and {@code date} (then: today) may be null. */
public record RecordPayment(String paymentId, String payerId, String payeeId, Money amount, String groupId, LocalDate date,
                            String note, String transactionId) {
}
