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

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An account and its current balance, as its owner sees it. The queries read it as an entity; the projection, which
 * writes it, as a row ({@link #COLUMNS}) with plain SQL.
 */
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

    /** The columns of a row, in the order {@link #Account(ResultSet)} reads them and {@link #row()} gives them. */
    static final String COLUMNS = "account_id, owner_id, name, type, currency, opening_minor, balance_minor, closed, opened_at, last_index";

    protected Account() {
    }

    /** The row as stored, {@link #COLUMNS} in that order. */
    Account(ResultSet row) throws SQLException {
        this.accountId = row.getString(1);
        this.ownerId = row.getString(2);
        this.name = row.getString(3);
        this.type = AccountType.valueOf(row.getString(4));
        this.currency = row.getString(5);
        this.openingMinor = row.getLong(6);
        this.balanceMinor = row.getLong(7);
        this.closed = row.getBoolean(8);
        this.openedAt = row.getObject(9, OffsetDateTime.class).toInstant();
        this.lastIndex = row.getLong(10);
    }

    /** The values of {@link #COLUMNS}. */
    Object[] row() {
        return new Object[]{accountId, ownerId, name, type.name(), currency, openingMinor, balanceMinor, closed,
                OffsetDateTime.ofInstant(openedAt, ZoneOffset.UTC), lastIndex};
    }

    /** What an event changes (name, balance, closed, last index), then the id. */
    Object[] changes() {
        return new Object[]{name, balanceMinor, closed, lastIndex, accountId};
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
