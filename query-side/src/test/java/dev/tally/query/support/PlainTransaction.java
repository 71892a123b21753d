package dev.tally.query.support;

import dev.tally.query.feed.TransactionScope;

import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A transaction a plain JUnit test runs itself on one real connection, doing at its end what Spring's transaction
 * synchronisation does in the application: each attachment's {@code beforeCommit} in the order they were attached (a
 * failure there rolls back), the commit, then {@code afterCommit} and {@code afterCompletion}.
 */
public final class PlainTransaction implements TransactionScope {

    private final Connection connection;
    private final EntityManager entityManager;
    private final Map<Object, Hooks> attached = new LinkedHashMap<>();
    private boolean open;

    /** @param entityManager JPA on the same connection, its transaction the same one: it flushes at commit, after the hooks */
    PlainTransaction(Connection connection, EntityManager entityManager) {
        this.connection = connection;
        this.entityManager = entityManager;
    }

    public void begin() {
        if (open) {
            throw new IllegalStateException("a transaction is already open");
        }
        entityManager.getTransaction().begin();
        open = true;
    }

    @Override
    public boolean active() {
        return open;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Hooks> T attached(Object key, Supplier<T> start) {
        if (!open) {
            throw new IllegalStateException("no transaction is open");
        }
        return (T) attached.computeIfAbsent(key, k -> start.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Hooks> T find(Object key) {
        return (T) attached.get(key);
    }

    public void commit() {
        try {
            for (Hooks hooks : List.copyOf(attached.values())) {
                hooks.beforeCommit();
            }
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
        entityManager.getTransaction().commit(); // flushes, then commits the connection
        List<Hooks> ended = end();
        ended.forEach(Hooks::afterCommit);
        ended.forEach(h -> h.afterCompletion(true));
    }

    public void rollback() {
        if (entityManager.getTransaction().isActive()) {
            entityManager.getTransaction().rollback();
        } else {
            sql(connection::rollback);
        }
        entityManager.clear();
        end().forEach(h -> h.afterCompletion(false));
    }

    /** The attachments are gone before their end runs, as Spring unbinds them. */
    private List<Hooks> end() {
        List<Hooks> ended = new ArrayList<>(attached.values());
        attached.clear();
        open = false;
        return ended;
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void sql(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
