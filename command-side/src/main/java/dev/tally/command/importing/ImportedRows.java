package dev.tally.command.importing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code imported_row}: which rows of bank files an account has already, by dedup key, and which import recorded them. */
@Component
class ImportedRows {

    private final JdbcClient jdbc;

    ImportedRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean known(String accountId, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM imported_row WHERE account_id = ? AND row_key = ?").params(accountId, key)
                .query(Long.class).single() > 0;
    }

    /** @return false when the account has the row already (another import, or the same row earlier in this file) */
    boolean claim(String accountId, String key, String importId, String transactionId) {
        return jdbc.sql("INSERT INTO imported_row (account_id, row_key, import_id, transaction_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(accountId, key, importId, transactionId).update() == 1;
    }

    List<String> transactionsOf(String importId) {
        return jdbc.sql("SELECT transaction_id FROM imported_row WHERE import_id = ? ORDER BY transaction_id").param(importId)
                .query(String.class).list();
    }

    /** An undone import's rows may be imported again. */
    void release(String importId) {
        jdbc.sql("DELETE FROM imported_row WHERE import_id = ?").param(importId).update();
    }
}
