package dev.tally.command.dispatch;

import dev.tally.api.money.InvalidMoneyException;
import dev.tally.api.money.Money;
import dev.tally.platform.web.RuleViolation;

/** Parses a decimal amount from a request, blaming the request field it came from when it is not valid money. */
public final class Amounts {

    private Amounts() {
    }

    public static Money parse(String amount, String currency, String field) {
        try {
            Money.fractionDigits(currency);
        } catch (InvalidMoneyException e) {
            throw new RuleViolation("invalid_currency", "currency", e.getMessage());
        }
        try {
            return Money.parseEntered(amount, currency);
        } catch (InvalidMoneyException e) {
            throw new RuleViolation("invalid_amount", field, e.getMessage());
        }
    }
}
