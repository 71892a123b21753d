package dev.tally.query.account;

import dev.tally.query.projection.ProjectedRow;
import dev.tally.api.account.AccountType;
import dev.tally.api.money.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An account and its current balance, as its owner sees it. */
@Entity
@Table(name = "account_view")
public class Account extends ProjectedRow {

    @Id
    @Column(name = "account_id")
    private String accountId;
    private String ownerId;
    private String name;
    @Enumerated(EnumType.STRING)
    private AccountType type;
    private String currency;
    private long openingMinor;
    private long balanceMinor;
    private boolean closed;
    private Instant openedAt;

    protected Account() {
    }

    @Override
    public String getId() {
        return accountId;
    }

    public Account(String accountId, String ownerId, String name, AccountType type, Money openingBalance, Instant openedAt, long index) {
        this.accountId = accountId;
        this.ownerId = ownerId;
        this.name = name;
        this.type = type;
        this.currency = openingBalance.currency();
        this.openingMinor = openingBalance.minorUnits();
        this.balanceMinor = openingBalance.minorUnits();
        this.openedAt = openedAt;
        this.lastIndex = index;
    }


    public void renamed(String name, long index) {
        this.name = name;
        this.lastIndex = index;
    }

    public void closed(long index) {
        this.closed = true;
        this.lastIndex = index;
    }

    public void balance(Money balance, long index) {
        if (!balance.currency().equals(currency)) {
            throw new IllegalStateException("balance in " + balance.currency() + " for account " + accountId + " kept in " + currency);
        }
        this.balanceMinor = balance.minorUnits();
        this.lastIndex = index;
    }

    public String accountId() {
        return accountId;
    }

    public String ownerId() {
        return ownerId;
    }

    public AccountView view() {
        return new AccountView(accountId, name, type, currency, new Money(balanceMinor, currency),
                new Money(openingMinor, currency), closed, openedAt);
    }
}
