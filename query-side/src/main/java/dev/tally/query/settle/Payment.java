package dev.tally.query.settle;

import dev.tally.api.money.Money;
import dev.tally.query.projection.ProjectedRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** A payment between two people as it stands. */
@Entity
@Table(name = "payment_view")
public class Payment extends ProjectedRow {

    @Id
    @Column(name = "payment_id")
    private String paymentId;
    private String payerId;
    private String payeeId;
    private long amountMinor;
    private String currency;
    private String groupId;
    private LocalDate date;
    private String note;
    private String transactionId;
    private boolean disputed;
    private String disputeReason;
    private boolean deleted;
    private Instant recordedAt;
    private Instant updatedAt;

    protected Payment() {
    }

    public Payment(String paymentId, String payerId, String payeeId, Money amount, String groupId, LocalDate date, String note,
                   String transactionId, Instant at, long index) {
        this.paymentId = paymentId;
        this.payerId = payerId;
        this.payeeId = payeeId;
        this.groupId = groupId;
        this.transactionId = transactionId;
        this.recordedAt = at;
        amended(amount, date, note, at, index);
    }

    @Override
    public String getId() {
        return paymentId;
    }

    public void amended(Money amount, LocalDate date, String note, Instant at, long index) {
        this.amountMinor = amount.minorUnits();
        this.currency = amount.currency();
        this.date = date;
        this.note = note;
        this.disputed = false;
        this.disputeReason = null;
        touched(at, index);
    }

    public void disputed(String reason, Instant at, long index) {
        this.disputed = true;
        this.disputeReason = reason;
        touched(at, index);
    }

    public void deleted(Instant at, long index) {
        this.deleted = true;
        touched(at, index);
    }

    private void touched(Instant at, long index) {
        this.updatedAt = at;
        this.lastIndex = index;
    }

    public String paymentId() {
        return paymentId;
    }

    public String payerId() {
        return payerId;
    }

    public String payeeId() {
        return payeeId;
    }

    public Money amount() {
        return new Money(amountMinor, currency);
    }

    public String groupId() {
        return groupId;
    }

    public LocalDate date() {
        return date;
    }

    public String note() {
        return note;
    }

    public String transactionId() {
        return transactionId;
    }

    public boolean disputed() {
        return disputed;
    }

    public String disputeReason() {
        return disputeReason;
    }

    public boolean deleted() {
        return deleted;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
