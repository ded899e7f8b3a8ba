package dev.sluice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL database a store shares with other nodes: a small pool of connections, the schema brought up to date
 * by Flyway (which holds PostgreSQL's advisory lock while it migrates, so nodes starting at once migrate once), and
 * each unit of work as one transaction on a connection of the pool. Its messages never show the password.
 */
final class PostgresDatabase implements Transactions, AutoCloseable {

    /** Enough for a node's queue slots, submissions and pages at once; several nodes share the server's connections. */
    static final int POOL_SIZE = 8;
    /** How long a connection is waited for, from the pool or from a server that does not answer, before failing. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** The version of the newest file under db/migration/postgresql; a test keeps the two equal. */
    static final int NEWEST_MIGRATION = 2;
    /** Where the schema's migrations are, inside the jar. */
    static final String MIGRATIONS = "classpath:db/migration/postgresql";

    private final HikariDataSource pool;

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Connects and migrates; a {@link StoreException} says what failed and where, never with the password. */
    static PostgresDatabase open(PostgresSettings settings) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(settings));
        } catch (RuntimeException unreachable) {
            throw new StoreException("cannot connect to the PostgreSQL database " + where(settings) + ": " + underlying(unreachable),
                    unreachable);
        }
        try {
            migrate(pool, settings);
        } catch (RuntimeException failed) {
            pool.close();
            throw failed;
        }
        return new PostgresDatabase(pool);
    }

    /** Brings the schema of the database {@code source} reaches up to date; a {@link StoreException} says why it could not. */
    static void migrate(DataSource source, PostgresSettings settings) {
        if (MigrationHistory.upToDate(source, NEWEST_MIGRATION)) {
            return;
        }
        try {
            Flyway.configure()
                    .dataSource(source)
                    .locations(MIGRATIONS)
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (RuntimeException failed) {
            throw new StoreException("cannot bring the schema of the PostgreSQL database " + where(settings) + " up to date: "
                    + underlying(failed), failed);
        }
    }

    private static HikariConfig config(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sluice-postgres");
        config.setJdbcUrl(settings.jdbcUrl());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setAutoCommit(false);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        // why: a server started beside its database gets a few seconds for it to come up; a dead one fails in as many
        config.setInitializationFailTimeout(CONNECT_TIMEOUT.toMillis());
        // why: without it, a host that drops packets holds the driver's connect for its default of 10 s per attempt
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "sluice");
        return config;
    }

    /** A connection of its own, outside the pool (a lock held for the node's life, a check), as the pool's are made. */
    static Connection connect(PostgresSettings settings, String applicationName) throws SQLException {
        return dataSource(settings, applicationName).getConnection();
    }

    /** Connections made as the pool's are (user, password, timeouts), for work outside the pool. */
    static org.postgresql.ds.PGSimpleDataSource dataSource(PostgresSettings settings, String applicationName) {
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setURL(settings.jdbcUrl());
        if (!settings.user().isEmpty()) {
            source.setUser(settings.user());
        }
        if (!settings.password().isEmpty()) {
            source.setPassword(settings.password());
        }
        source.setConnectTimeout((int) CONNECT_TIMEOUT.toSeconds());
        source.setTcpKeepAlive(true);
        source.setApplicationName(applicationName);
        return source;
    }

    /** Where the database is, for messages: the URL without its parameters (which could carry a password) and the user. */
    static String where(PostgresSettings settings) {
        String url = settings.jdbcUrl();
        int parameters = url.indexOf('?');
        String user = settings.user().isEmpty() ? "" : " as user " + settings.user();
        return (parameters < 0 ? url : url.substring(0, parameters)) + user;
    }

    /**
     * What went wrong underneath the pool's and Flyway's wrapping: the driver's own message (the deepest SQL exception,
     * which says which host refused or which user was refused), else the deepest cause's.
     */
    private static String underlying(Throwable failure) {
        Throwable deepest = failure;
        SQLException driver = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            deepest = t;
            if (t instanceof SQLException sql) {
                driver = sql;
            }
        }
        return String.valueOf(driver != null ? driver.getMessage() : deepest.getMessage());
    }

    /** Work that needs PostgreSQL's own statements (a savepoint). */
    interface PostgresWork<T> {
        T run(PostgresStatements sql) throws SQLException;
    }

    /** Runs {@code work} as one atomic write, committed when this returns, as {@link #write} does. */
    <T> T writePostgres(PostgresWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            try {
                T result = work.run(new PostgresStatements(connection));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException failed) {
                rollback(connection);
                throw failed;
            }
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(Work<T> work) {
        return inTransaction(work);
    }

    @Override
    public <T> T write(Work<T> work) {
        return inTransaction(work);
    }

    /** Runs {@code work} on one connection in one transaction (read committed), committed when it returns. */
    private <T> T inTransaction(Work<T> work) {
        return writePostgres(work::run);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException connectionLost) {
            // the server ends the transaction by itself when the connection is gone; the pool drops such a connection
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
