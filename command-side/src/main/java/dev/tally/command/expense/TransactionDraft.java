package dev.tally.command.expense;

import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import dev.tally.platform.text.Name;
import dev.tally.platform.text.Text;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;

import java.time.LocalDate;
import java.util.List;

/**
 * A transaction as asked, before its rules: the one list of a transaction's fields, from the request body through the
 * command to {@link TransactionRules#check}, which turns it into the event's {@link TransactionDetails}. {@code amount}
 * is a decimal string: its currency is the account's, known only once the account is checked. As an amendment's
 * changes a null field keeps its value and an empty string clears the category, description or merchant; the type never
 * changes. A new field goes here, in {@link TransactionDetails}, in {@link #of}, {@link #amendedBy} and {@link #on}, and
 * in the rules.
 */
public record TransactionDraft(@NotNull(groups = New.class) TransactionType type,
                               @NotBlank(groups = New.class) String accountId,
                               String toAccountId,
                               @NotBlank(groups = New.class) String amount,
                               String categoryId,
                               LocalDate date,
                               @Text(max = 500) String description,
                               @Name(max = 200) String merchant,
                               @Size(max = 20) List<@NotBlank @Name(max = 40) String> tags,
                               Money originalAmount,
                               String exchangeRate) {

    /** The validation of a new transaction's body: what an amendment may leave out, a new one must have. */
    public interface New extends Default {
    }

    /** An expense or income in one account, with no tags nor foreign amount: what imports and schedules record. */
    public static TransactionDraft inOneAccount(TransactionType type, String accountId, String amount, String categoryId, LocalDate date,
                                                String description, String merchant) {
        return new TransactionDraft(type, accountId, null, amount, categoryId, date, description, merchant, List.of(), null, null);
    }

    /** The draft that would record these details again: where an amendment starts from. */
    public static TransactionDraft of(TransactionDetails details) {
        return new TransactionDraft(details.type(), details.accountId(), details.toAccountId(), details.amount().amount(),
                details.categoryId(), details.date(), details.description(), details.merchant(), details.tags(), details.originalAmount(),
                details.exchangeRate() == null ? null : details.exchangeRate().toPlainString());
    }

    /**
     * This draft with {@code changes} applied: a null change keeps the value, an empty text clears it. A new amount or
     * original amount without a rate drops the rate kept so far: the new amounts imply theirs.
     */
    public TransactionDraft amendedBy(TransactionDraft changes) {
        return new TransactionDraft(type, keep(changes.accountId, accountId), keep(changes.toAccountId, toAccountId),
                keep(changes.amount, amount), cleared(changes.categoryId, categoryId), keep(changes.date, date),
                cleared(changes.description, description), cleared(changes.merchant, merchant), keep(changes.tags, tags),
                keep(changes.originalAmount, originalAmount),
                changes.exchangeRate != null || changes.amount == null && changes.originalAmount == null ? keep(changes.exchangeRate, exchangeRate) : null);
    }

    /** This draft dated {@code day}: a request without a date is recorded today. */
    public TransactionDraft on(LocalDate day) {
        return new TransactionDraft(type, accountId, toAccountId, amount, categoryId, day, description, merchant, tags, originalAmount,
                exchangeRate);
    }

    private static <T> T keep(T change, T current) {
        return change == null ? current : change;
    }

    private static String cleared(String change, String current) {
        return change == null ? current : TransactionRules.blankToNull(change);
    }
}
