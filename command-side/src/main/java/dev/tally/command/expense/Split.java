package dev.tally.command.expense;

import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.money.Apportion;
import dev.tally.api.money.InvalidMoneyException;
import dev.tally.api.money.Money;
import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.RuleViolation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a shared expense divides its total: the method and what each participant asked for. Shares are always whole
 * minor units that sum exactly to the total (largest remainder).
 */
record Split(SplitMethod method, List<SplitPart> parts) {

    static final int MAX_PARTICIPANTS = 50;

    /** Checks the request against the total and the payer, and returns one share per participant. */
    List<Share> shares(Money total, String payerId) {
        List<FieldError> errors = new ArrayList<>();
        if (method == null) {
            errors.add(new FieldError("method", "is required: EQUAL, EXACT, PERCENT or SHARES"));
        }
        if (parts == null || parts.isEmpty()) {
            errors.add(new FieldError("participants", "name at least one person to share with"));
        } else if (parts.size() > MAX_PARTICIPANTS) {
            errors.add(new FieldError("participants", "at most " + MAX_PARTICIPANTS + " people"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < parts.size(); i++) {
                if (!seen.add(parts.get(i).userId())) {
                    errors.add(new FieldError("participants[" + i + "]", "appears twice"));
                }
            }
            if (parts.stream().allMatch(p -> p.userId().equals(payerId))) {
                errors.add(new FieldError("participants", "name at least one person besides yourself"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleViolation("invalid_split", "The split cannot be made as asked.", errors);
        }
        List<Long> weights = weights(total, errors);
        if (!errors.isEmpty()) {
            throw new RuleViolation("invalid_split", "The split cannot be made as asked.", errors);
        }
        List<Long> amounts = Apportion.largestRemainder(total.minorUnits(), weights);
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            shares.add(new Share(parts.get(i).userId(), new Money(amounts.get(i), total.currency()), value(i)));
        }
        return shares;
    }

    /** The same split of a new total: exact amounts scale with it, the other methods keep their weights. */
    Split forTotal(Money newTotal, List<Share> oldShares) {
        if (method != SplitMethod.EXACT) {
            return this;
        }
        List<Long> scaled = Apportion.largestRemainder(newTotal.minorUnits(),
                oldShares.stream().map(s -> s.amount().minorUnits()).toList());
        List<SplitPart> rescaled = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            rescaled.add(new SplitPart(parts.get(i).userId(), new Money(scaled.get(i), newTotal.currency()).amount()));
        }
        return new Split(method, rescaled);
    }

    private String value(int i) {
        return method == SplitMethod.EQUAL ? null : parts.get(i).value().trim();
    }

    private List<Long> weights(Money total, List<FieldError> errors) {
        List<Long> weights = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String field = "participants[" + i + "].value";
            String value = parts.get(i).value();
            if (method == SplitMethod.EQUAL) {
                weights.add(1L);
                continue;
            }
            if (value == null || value.isBlank()) {
                errors.add(new FieldError(field, "is required for a " + method + " split"));
                weights.add(0L);
                continue;
            }
            try {
                weights.add(switch (method) {
                    case EXACT -> nonNegative(Money.parseEntered(value, total.currency()).minorUnits());
                    case PERCENT -> nonNegative(Money.decimal(value).movePointRight(2).longValueExact());
                    case SHARES -> positive(Money.decimal(value).longValueExact());
                    case EQUAL -> 1L;
                });
            } catch (InvalidMoneyException | ArithmeticException | NumberFormatException e) {
                errors.add(new FieldError(field, switch (method) {
                    case EXACT -> "must be an amount in " + total.currency() + (e instanceof InvalidMoneyException ? ": " + e.getMessage() : "");
                    case PERCENT -> "must be a percentage with at most two decimals";
                    default -> "must be a whole number of shares greater than zero";
                }));
                weights.add(0L);
            }
        }
        // exact: a sum that wrapped around a long could add up to 100 % or to the total out of absurd values
        BigInteger sum = weights.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        if (errors.isEmpty()) {
            switch (method) {
                case EXACT -> {
                    if (!sum.equals(BigInteger.valueOf(total.minorUnits()))) {
                        errors.add(new FieldError("participants", "the amounts add up to "
                                + new BigDecimal(sum, Money.fractionDigits(total.currency())).toPlainString() + " " + total.currency()
                                + ", not to the expense's " + total));
                    }
                }
                case PERCENT -> {
                    if (!sum.equals(BigInteger.valueOf(100_00))) {
                        errors.add(new FieldError("participants", "the percentages add up to " + new BigDecimal(sum, 2).stripTrailingZeros().toPlainString() + ", not 100"));
                    }
                }
                default -> {
                }
            }
        }
        if (errors.isEmpty() && sum.signum() == 0) {
            errors.add(new FieldError("participants", "someone's part must be more than zero"));
        }
        return weights;
    }

    private static long nonNegative(long value) {
        if (value < 0) {
            throw new ArithmeticException("negative");
        }
        return value;
    }

    private static long positive(long value) {
        if (value <= 0) {
            throw new ArithmeticException("not positive");
        }
        return value;
    }
}
