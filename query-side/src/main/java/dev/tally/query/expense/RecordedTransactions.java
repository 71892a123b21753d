package dev.tally.query.expense;

import dev.tally.query.projection.BatchReads;
import dev.tally.query.projection.ReadModelChange;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transactions the read side's handlers record and load. A recorded transaction is written with plain SQL: while the
 * batch's writes are held, at its end with the batch's other new transactions, as one JDBC batch beside its other rows.
 * Persisting it as an entity cost the read thread a flush and a round trip of its own per batch, for a row that
 * nothing in the batch changes again, almost always (docs/benchmarks.md). A handler that loads one recorded earlier in
 * the same batch finds it written first.
 */
@Component
public class RecordedTransactions {

    private static final Object HELD = RecordedTransactions.class.getName() + ".held";
    private static final String INSERT = "INSERT INTO transaction_view (" + Transaction.COLUMNS + ") VALUES ("
            + BatchReads.placeholders(Transaction.COLUMNS.split(",").length) + ")";
    private static final String INSERT_TAG = "INSERT INTO transaction_tag (transaction_id, tag) VALUES (?, ?)";

    private final TransactionRepository transactions;
    private final ReadModelChange change;

    public RecordedTransactions(TransactionRepository transactions, ReadModelChange change) {
        this.transactions = transactions;
        this.change = change;
    }

    /** Stores a newly recorded transaction, as part of the change being applied. */
    public void record(Transaction recorded) {
        if (change.holdsWrites()) {
            change.held(HELD, New::new).add(recorded);
        } else {
            write(List.of(recorded));
        }
    }

    /** The transaction as this transaction has it, to read or change as an entity. */
    public Optional<Transaction> find(String transactionId) {
        writeIfNew(List.of(transactionId));
        return transactions.findById(transactionId);
    }

    /** Whether the transaction is stored, as this transaction has it. */
    public boolean exists(String transactionId) {
        writeIfNew(List.of(transactionId));
        return transactions.existsById(transactionId);
    }

    /** Those of {@code transactionIds} that exist, as this transaction has them. */
    public List<Transaction> findAll(Collection<String> transactionIds) {
        writeIfNew(transactionIds);
        return transactions.findAllById(transactionIds);
    }

    /** A transaction recorded earlier in the batch and not written yet is written (with the rest held) before it is read. */
    private void writeIfNew(Collection<String> transactionIds) {
        if (change.holdsWrites() && transactionIds.stream().anyMatch(change.held(HELD, New::new).rows::containsKey)) {
            change.catchUp();
        }
    }

    private void write(Collection<Transaction> recorded) {
        recorded.forEach(t -> change.write(INSERT, t.row()));
        recorded.forEach(t -> t.tags().forEach(tag -> change.write(INSERT_TAG, t.transactionId(), tag)));
    }

    /** The batch's recorded transactions not written yet: all rows first, then their tags (which refer to them). */
    private final class New implements ReadModelChange.HeldRows {
        private final Map<String, Transaction> rows = new LinkedHashMap<>();

        void add(Transaction recorded) {
            rows.put(recorded.transactionId(), recorded);
        }

        @Override
        public void write() {
            RecordedTransactions.this.write(rows.values());
            rows.clear();
        }
    }
}
