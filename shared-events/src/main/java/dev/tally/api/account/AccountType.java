package dev.tally.api.account;

/** What kind of place the money is kept in. */
public enum AccountType {
    CASH, BANK, CARD, WALLET
}
