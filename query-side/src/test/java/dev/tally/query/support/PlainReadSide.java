package dev.tally.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import dev.tally.platform.test.CountedStatements;
import dev.tally.platform.test.PostgresTestDatabase;
import dev.tally.query.feed.FeedEpoch;
import dev.tally.query.feed.FeedSignals;
import dev.tally.query.feed.UserFeed;
import dev.tally.query.projection.ReadModelChange;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The read side's projection machinery without Spring's context: the query and feed schemas (and the event store's,
 * for its token table) on a real PostgreSQL database, one connection shared by JDBC and JPA, a {@link PlainTransaction} the test commits, {@link UserFeed},
 * {@link ReadModelChange} and Spring Data repositories built by hand, and the feed entries signalled after commit.
 * Construct a projection with {@link #repository} and {@link #change()} and call its handlers inside {@link #inTransaction}.
 */
public final class PlainReadSide implements AutoCloseable, AfterAllCallback {

    private static final String DATABASE = System.getProperty("tally.test.db", "tally_query_test") + "_plain";

    private final Connection connection;
    private final JdbcTemplate jdbc;
    private final PlainTransaction transaction;
    private final ReadModelChange change;
    private final UserFeed feed;
    private final EntityManagerFactory entityManagerFactory;
    private final EntityManager entityManager;
    private final JpaRepositoryFactory repositories;
    private final AtomicInteger statements = new AtomicInteger();
    /** What the feed signalled after each commit, as the gateway would hear it. */
    public final List<FeedEntry> signalled = new CopyOnWriteArrayList<>();

    public PlainReadSide() {
        String url = PostgresTestDatabase.url(DATABASE);
        for (String[] schema : new String[][]{{"eventstore", "classpath:db/eventstore"}, {"feed", "classpath:db/feed"}, {"query", "classpath:db/query"}}) {
            Flyway.configure().dataSource(url, PostgresTestDatabase.user(), "").locations(schema[1]).table("flyway_history_" + schema[0])
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        }
        try {
            connection = DriverManager.getConnection(url, PostgresTestDatabase.user(), "");
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        DataSource dataSource = CountedStatements.counting(new SingleConnectionDataSource(connection, true), statements);
        jdbc = new JdbcTemplate(dataSource);
        entityManagerFactory = entityManagerFactory(dataSource);
        entityManager = entityManagerFactory.createEntityManager();
        repositories = new JpaRepositoryFactory(entityManager);
        transaction = new PlainTransaction(connection, entityManager);
        DefaultListableBeanFactory listeners = new DefaultListableBeanFactory();
        listeners.registerSingleton("listener", (FeedListener) signalled::addAll);
        FeedEpoch epoch = inTransaction(() -> new FeedEpoch(jdbc));
        feed = new UserFeed(jdbc, new ObjectMapper().findAndRegisterModules(), epoch,
                new FeedSignals(listeners.getBeanProvider(FeedListener.class)), Clock.systemUTC(), transaction);
        change = new ReadModelChange(dataSource, ReadModelChange.PersistenceContext.of(entityManager), feed, jdbc, transaction);
    }

    /** The read models' JPA mapping as the application configures it (Boot's naming strategies), on the one connection. */
    private static EntityManagerFactory entityManagerFactory(DataSource dataSource) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setPackagesToScan("dev.tally.query");
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setJpaPropertyMap(Map.of(
                "hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName(),
                "hibernate.implicit_naming_strategy", SpringImplicitNamingStrategy.class.getName(),
                "hibernate.hbm2ddl.auto", "validate"));
        factory.afterPropertiesSet();
        return factory.getObject();
    }

    /** A Spring Data repository of the read models, as the application's, without a Spring context. */
    public <R> R repository(Class<R> type) {
        return repositories.getRepository(type);
    }

    /** The statements prepared so far on the read side's connection, JPA's too: one each round trip. */
    public int statements() {
        return statements.get();
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public ReadModelChange change() {
        return change;
    }

    public UserFeed feed() {
        return feed;
    }

    public PlainTransaction transaction() {
        return transaction;
    }

    /**
     * Runs {@code work} in a transaction and commits it (rolls back and rethrows when the work or the commit fails, a
     * failed assertion too, so the next test finds no transaction open).
     */
    public <T> T inTransaction(Supplier<T> work) {
        transaction.begin();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            transaction.rollback();
            throw e;
        }
        transaction.commit();
        return result;
    }

    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Reads at once (outside any test transaction, committed data). */
    public long count(String sql, Object... args) {
        return inTransaction(() -> jdbc.queryForObject(sql, Long.class, args));
    }

    /** As a test class's {@code @RegisterExtension} static field: open for the class's tests, closed after them. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        entityManager.close();
        entityManagerFactory.close();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
