package dev.tally.query.expense;

import dev.tally.query.projection.ProjectedRow;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An expense, income or transfer as it stands now, with its split when it is shared. Read and changed as an entity; a
 * newly recorded one is written as a row ({@link #COLUMNS}) with plain SQL ({@link RecordedTransactions}).
 */
@Entity
@Table(name = "transaction_view")
public class Transaction extends ProjectedRow {

    @Id
    @Column(name = "transaction_id")
    private String transactionId;
    private String ownerId;
    @Enumerated(EnumType.STRING)
    private TransactionType type;
    private String accountId;
    private String toAccountId;
    private long amountMinor;
    private String currency;
    private String categoryId;
    private LocalDate date;
    private String description;
    private String merchant;
    private Long originalAmountMinor;
    private String originalCurrency;
    private java.math.BigDecimal exchangeRate;
    private boolean deleted;
    @Enumerated(EnumType.STRING)
    private SplitMethod splitMethod;
    private Instant recordedAt;
    private Instant updatedAt;
    /** The group the shared expense counts in, if any. */
    private String groupId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "transaction_tag", joinColumns = @JoinColumn(name = "transaction_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "expense_share", joinColumns = @JoinColumn(name = "transaction_id"))
    private Set<ShareLine> shares = new LinkedHashSet<>();

    /** The columns of a new row, in the order {@link #row()} gives them. */
    static final String COLUMNS = "transaction_id, owner_id, type, account_id, to_account_id, amount_minor, currency, category_id, "
            + "date, description, merchant, original_amount_minor, original_currency, exchange_rate, deleted, split_method, "
            + "recorded_at, updated_at, last_index, group_id";

    protected Transaction() {
    }

    /** The values of {@link #COLUMNS}. */
    Object[] row() {
        return new Object[]{transactionId, ownerId, type.name(), accountId, toAccountId, amountMinor, currency, categoryId,
                java.sql.Date.valueOf(date), description, merchant, originalAmountMinor, originalCurrency, exchangeRate, deleted,
                splitMethod == null ? null : splitMethod.name(), OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC), lastIndex, groupId};
    }

    @Override
    public String getId() {
        return transactionId;
    }

    public Transaction(String transactionId, String ownerId, TransactionDetails details, Instant at, long index) {
        this.transactionId = transactionId;
        this.ownerId = ownerId;
        this.recordedAt = at;
        details(details, at, index);
    }


    public void details(TransactionDetails details, Instant at, long index) {
        this.type = details.type();
        this.accountId = details.accountId();
        this.toAccountId = details.toAccountId();
        this.amountMinor = details.amount().minorUnits();
        this.currency = details.amount().currency();
        this.categoryId = details.categoryId();
        this.date = details.date();
        this.description = details.description();
        this.merchant = details.merchant();
        this.originalAmountMinor = details.originalAmount() == null ? null : details.originalAmount().minorUnits();
        this.originalCurrency = details.originalAmount() == null ? null : details.originalAmount().currency();
        this.exchangeRate = details.exchangeRate();
        this.tags.clear();
        if (details.tags() != null) {
            this.tags.addAll(details.tags());
        }
        touched(at, index);
    }

    public void deleted(Instant at, long index) {
        this.deleted = true;
        touched(at, index);
    }

    public void restored(TransactionDetails details, Instant at, long index) {
        this.deleted = false;
        details(details, at, index);
    }

    public void shared(SplitMethod method, List<Share> split, Instant at, long index) {
        this.splitMethod = method;
        this.shares.clear();
        split.forEach(s -> shares.add(new ShareLine(s.userId(), s.amount().minorUnits(), s.value())));
        touched(at, index);
    }

    public void unshared(Instant at, long index) {
        this.splitMethod = null;
        this.shares.clear();
        touched(at, index);
    }

    public void inGroup(String groupId, Instant at, long index) {
        this.groupId = groupId;
        touched(at, index);
    }

    public String groupId() {
        return groupId;
    }

    /** A comment does not change the expense, but it is an event the expense has seen. */
    public void commented(Instant at, long index) {
        touched(at, index);
    }

    private void touched(Instant at, long index) {
        this.updatedAt = at;
        this.lastIndex = index;
    }

    /** Who may see this expense: its owner, then its participants. */
    public List<String> members() {
        List<String> members = new ArrayList<>();
        members.add(ownerId);
        shares.stream().map(ShareLine::userId).filter(u -> !u.equals(ownerId)).sorted().forEach(members::add);
        return members;
    }

    public String transactionId() {
        return transactionId;
    }

    public String ownerId() {
        return ownerId;
    }

    public TransactionType type() {
        return type;
    }

    public String accountId() {
        return accountId;
    }

    public String toAccountId() {
        return toAccountId;
    }

    public Money amount() {
        return new Money(amountMinor, currency);
    }

    public String currency() {
        return currency;
    }

    public String categoryId() {
        return categoryId;
    }

    public LocalDate date() {
        return date;
    }

    public String description() {
        return description;
    }

    public String merchant() {
        return merchant;
    }

    public Money originalAmount() {
        return originalAmountMinor == null ? null : new Money(originalAmountMinor, originalCurrency);
    }

    /** The rate kept with the original amount, as a decimal string ({@code numeric(20,10)} pads it; the zeros go). */
    public String exchangeRate() {
        return ExpenseView.rate(exchangeRate);
    }

    public boolean isDeleted() {
        return deleted;
    }

    public SplitMethod splitMethod() {
        return splitMethod;
    }

    public boolean isShared() {
        return splitMethod != null;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public List<ShareLine> shares() {
        return shares.stream().sorted(java.util.Comparator.comparing(ShareLine::userId)).toList();
    }
}
