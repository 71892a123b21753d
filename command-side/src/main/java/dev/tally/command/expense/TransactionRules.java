package dev.tally.command.expense;

import dev.tally.api.category.CategoryKind;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.InvalidMoneyException;
import dev.tally.api.money.Money;
import dev.tally.command.account.AccountLedger;
import dev.tally.command.account.AccountLedger.LedgerAccount;
import dev.tally.command.category.CategoryDirectory;
import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.RuleViolation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a transaction's details must keep, checked against the owner's accounts and categories. All faults are
 * reported together, each with its field.
 */
public final class TransactionRules {

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** The read model keeps rates as numeric(20,10). */
    private static final int RATE_DECIMALS = 10;
    private static final BigDecimal MAX_RATE = new BigDecimal("10000000000");

    private final AccountLedger ledger;
    private final CategoryDirectory categories;
    private final List<FieldError> errors = new ArrayList<>();

    public TransactionRules(AccountLedger ledger, CategoryDirectory categories) {
        this.ledger = ledger;
        this.categories = categories;
    }

    /** The rules of a new transaction. */
    public TransactionDetails check(String ownerId, TransactionDraft draft) {
        return check(ownerId, draft, null);
    }

    /**
     * @param currentCategoryId the category the transaction has now (null if new): an archived one it already has may stay
     */
    public TransactionDetails check(String ownerId, TransactionDraft draft, String currentCategoryId) {
        TransactionType type = draft.type();
        String accountId = draft.accountId();
        String toAccountId = blankToNull(draft.toAccountId());
        String categoryId = blankToNull(draft.categoryId());
        LedgerAccount account = openAccount(ownerId, accountId, "accountId");
        Money money = null;
        if (account != null) {
            money = positiveAmount(draft.amount(), account.currency());
        }
        if (type == TransactionType.TRANSFER) {
            if (toAccountId == null) {
                errors.add(new FieldError("toAccountId", "a transfer needs the account the money goes to"));
            } else if (toAccountId.equals(accountId)) {
                errors.add(new FieldError("toAccountId", "must differ from accountId"));
            } else {
                LedgerAccount to = openAccount(ownerId, toAccountId, "toAccountId");
                if (to != null && account != null && !to.currency().equals(account.currency())) {
                    errors.add(new FieldError("toAccountId", "a transfer moves money between accounts of the same currency; this one holds "
                            + to.currency() + ", the other " + account.currency()));
                }
            }
            if (categoryId != null) {
                errors.add(new FieldError("categoryId", "a transfer has no category"));
            }
        } else {
            if (toAccountId != null) {
                errors.add(new FieldError("toAccountId", "only transfers have a destination account"));
            }
            if (categoryId != null && !categoryId.equals(currentCategoryId)) {
                category(ownerId, categoryId, type == TransactionType.EXPENSE ? CategoryKind.EXPENSE : CategoryKind.INCOME);
            }
        }
        LocalDate date = draft.date();
        if (date == null) {
            errors.add(new FieldError("date", "is required"));
        } else if (date.isBefore(EARLIEST) || date.isAfter(LocalDate.now().plusYears(1))) {
            errors.add(new FieldError("date", "must be between 1900-01-01 and a year from today"));
        }
        Money originalAmount = draft.originalAmount();
        BigDecimal rate = null;
        if (originalAmount != null && !originalAmount.isPositive()) {
            errors.add(new FieldError("originalAmount", "must be greater than zero"));
        } else if (originalAmount != null && originalAmount.minorUnits() > Money.MOST_ENTERED_MINOR_UNITS) {
            errors.add(new FieldError("originalAmount", "is too large: at most "
                    + new Money(Money.MOST_ENTERED_MINOR_UNITS, originalAmount.currency())));
        } else if (originalAmount != null && money != null && originalAmount.sameCurrencyAs(money)) {
            errors.add(new FieldError("originalAmount", "is the amount in a foreign currency; it is in the account's own currency"));
        } else if (originalAmount != null && money != null) {
            rate = exchangeRate(draft.exchangeRate(), originalAmount, money);
        } else if (originalAmount == null && draft.exchangeRate() != null) {
            errors.add(new FieldError("exchangeRate", "goes with originalAmount: the rate from its currency into the account's"));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolation("invalid_transaction", "The transaction cannot be recorded as it is.", errors);
        }
        return new TransactionDetails(type, accountId, toAccountId, money, categoryId, date, blankToNull(draft.description()),
                blankToNull(draft.merchant()), draft.tags() == null ? List.of() : draft.tags(), originalAmount, rate);
    }

    /**
     * The rate kept with a foreign amount, in units of the account's currency per unit of the original's: the one the
     * payer gives (their bank's), which must turn {@code original} into {@code amount} (HALF_EVEN at the account
     * currency's minor unit); or else the one the two amounts imply, to 10 decimals.
     */
    private BigDecimal exchangeRate(String given, Money original, Money amount) {
        BigDecimal originalValue = BigDecimal.valueOf(original.minorUnits(), Money.fractionDigits(original.currency()));
        BigDecimal amountValue = BigDecimal.valueOf(amount.minorUnits(), Money.fractionDigits(amount.currency()));
        BigDecimal implied = amountValue.divide(originalValue, RATE_DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (given == null) {
            if (!keepable(implied)) {
                errors.add(new FieldError("originalAmount", original + " and " + amount + " imply a rate of "
                        + amountValue.divide(originalValue, MathContext.DECIMAL64).toPlainString() + ", not one above zero and below "
                        + MAX_RATE.toPlainString() + " to " + RATE_DECIMALS + " decimals"));
                return null;
            }
            return implied;
        }
        BigDecimal rate;
        try {
            rate = Money.decimal(given);
        } catch (InvalidMoneyException e) {
            errors.add(new FieldError("exchangeRate", "must be a decimal number such as 1.1694"));
            return null;
        }
        if (!keepable(rate) || rate.stripTrailingZeros().scale() > RATE_DECIMALS) {
            errors.add(new FieldError("exchangeRate", "must be above zero, below 10000000000, with at most " + RATE_DECIMALS + " decimals"));
            return null;
        }
        if (rate.compareTo(implied) == 0) {
            return implied; // the rate kept when none was given, carried by an amendment: to 10 decimals it may not make the amount
        }
        BigDecimal converted = originalValue.multiply(rate).setScale(Money.fractionDigits(amount.currency()), RoundingMode.HALF_EVEN);
        if (converted.compareTo(amountValue) != 0) {
            errors.add(new FieldError("exchangeRate", original + " at " + given + " is " + converted.toPlainString() + " "
                    + amount.currency() + ", not the amount " + amount));
            return null;
        }
        return rate;
    }

    private LedgerAccount openAccount(String ownerId, String accountId, String field) {
        if (accountId == null || accountId.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        LedgerAccount account = ledger.find(accountId).filter(a -> a.ownerId().equals(ownerId)).orElse(null);
        if (account == null) {
            errors.add(new FieldError(field, "is not one of your accounts"));
        } else if (account.closed()) {
            errors.add(new FieldError(field, "the account is closed"));
        }
        return account;
    }

    private Money positiveAmount(String amount, String currency) {
        try {
            Money money = Money.parseEntered(amount, currency);
            if (!money.isPositive()) {
                errors.add(new FieldError("amount", "must be greater than zero"));
            }
            return money;
        } catch (InvalidMoneyException e) {
            errors.add(new FieldError("amount", e.getMessage()));
            return null;
        }
    }

    private static boolean keepable(BigDecimal rate) {
        return rate.signum() > 0 && rate.compareTo(MAX_RATE) < 0;
    }

    private void category(String ownerId, String categoryId, CategoryKind kind) {
        categories.refusal(ownerId, categoryId, kind).ifPresent(why -> errors.add(new FieldError("categoryId", why)));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
