package dev.tally.query.expense;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/** One participant's part of a shared expense, in the expense's currency: what they owe its owner. */
@Embeddable
public class ShareLine {

    @Column(name = "user_id")
    private String userId;
    private long amountMinor;
    @Column(name = "share_value") // "value" is a reserved word in H2 (standalone)
    private String value;

    protected ShareLine() {
    }

    ShareLine(String userId, long amountMinor, String value) {
        this.userId = userId;
        this.amountMinor = amountMinor;
        this.value = value;
    }

    public String userId() {
        return userId;
    }

    public long amountMinor() {
        return amountMinor;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShareLine other && other.userId.equals(userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId);
    }
}
