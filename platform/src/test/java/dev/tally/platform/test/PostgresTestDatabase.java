package dev.tally.platform.test;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL database for a module's integration tests, created on first use on the machine's server
 * ({@code TALLY_TEST_PG}, default {@code 127.0.0.1:5432}, user {@code postgres}, trust auth). Each module uses its
 * own database so test runs never see another module's events.
 */
public final class PostgresTestDatabase {

    private PostgresTestDatabase() {
    }

    public static String host() {
        String env = System.getenv("TALLY_TEST_PG");
        return env == null || env.isBlank() ? "127.0.0.1:5432" : env;
    }

    public static String user() {
        String env = System.getenv("TALLY_TEST_PG_USER");
        return env == null || env.isBlank() ? "postgres" : env;
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
}
