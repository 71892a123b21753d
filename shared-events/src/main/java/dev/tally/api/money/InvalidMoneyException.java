package dev.tally.api.money;

/** An amount or currency that is not valid money; the message says why in words a user understands. */
public class InvalidMoneyException extends IllegalArgumentException {
    public InvalidMoneyException(String message) {
        super(message);
    }
}
