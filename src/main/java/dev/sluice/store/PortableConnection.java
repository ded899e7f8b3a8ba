package dev.sluice.store;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One JDBC connection to the store of a stopped server, for an export or an import: its schema brought up to date
 * first, as a server's start would, and on PostgreSQL the node lock held throughout, so that no server starts on the
 * database meanwhile (one on another machine, say, whose data folder lock this machine cannot see). What differs
 * between the two databases in copying rows is here.
 */
final class PortableConnection implements AutoCloseable {

    /** Rows PostgreSQL sends at a time when an export reads a table; without it the driver reads a whole table in. */
    private static final int FETCH_ROWS = 1_000;

    private final StoreLocation location;
    private final Connection connection;
    private final Optional<PostgresNodeLock> node;

    private PortableConnection(StoreLocation location, Connection connection, Optional<PostgresNodeLock> node) {
        this.location = location;
        this.connection = connection;
        this.node = node;
    }

    /** Opens a store to read; a SQLite file that does not exist is refused rather than made. */
    static PortableConnection forExport(StoreLocation location) {
        if (location instanceof StoreLocation.Sqlite sqlite && !Files.isRegularFile(sqlite.file())) {
            throw new StoreException("there is no database at " + sqlite.file() + " (a server makes it at its first start);"
                    + " nothing to export", null);
        }
        return open(location);
    }

    /** Opens a store to fill; a SQLite file that does not exist yet is made. */
    static PortableConnection forImport(StoreLocation location) {
        return open(location);
    }

    private static PortableConnection open(StoreLocation location) {
        return switch (location) {
            case StoreLocation.Sqlite sqlite -> {
                try {
                    yield new PortableConnection(location, SqliteDatabase.migrated(sqlite.file()).getConnection(), Optional.empty());
                } catch (SQLException | RuntimeException e) {
                    throw new StoreException("cannot open " + location.describe() + ": " + e.getMessage(), e);
                }
            }
            case StoreLocation.Postgres postgres -> openPostgres(postgres);
        };
    }

    private static PortableConnection openPostgres(StoreLocation.Postgres location) {
        PostgresSettings settings = location.settings();
        PostgresNodeLock node = PostgresNodeLock.alone(settings);
        try {
            PGSimpleDataSource source = PostgresDatabase.dataSource(settings, "sluice export/import");
            PostgresDatabase.migrate(source, settings);
            return new PortableConnection(location, source.getConnection(), Optional.of(node));
        } catch (SQLException e) {
            node.close();
            throw new StoreException("cannot connect to " + location.describe() + ": " + e.getMessage(), e);
        } catch (RuntimeException failed) {
            node.close();
            throw failed;
        }
    }

    Connection connection() {
        return connection;
    }

    /** Starts the one transaction an export reads in, so that every table is read as of one moment. */
    void beginRead() throws SQLException {
        if (node.isPresent()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
        }
        connection.setAutoCommit(false);
    }

    /** Starts the one transaction an import writes in. */
    void beginWrite() throws SQLException {
        connection.setAutoCommit(false);
    }

    /** A statement that streams the rows of a query rather than holding them all. */
    Statement streamingStatement() throws SQLException {
        Statement statement = connection.createStatement();
        statement.setFetchSize(FETCH_ROWS);
        return statement;
    }

    /**
     * The INSERT of one row of {@code table}, with every column given: PostgreSQL takes a value of an identity column
     * only when told to, and a key named by {@link PortableTables.Table#replacesOn} replaces the row already there.
     */
    String insert(PortableTables.Table table) {
        String placeholders = String.join(", ", Collections.nCopies(table.columns().size(), "?"));
        String overriding = node.isPresent() && table.identity().isPresent() ? " OVERRIDING SYSTEM VALUE" : "";
        String replacing = table.replacesOn().map(key -> " ON CONFLICT (" + key + ") DO UPDATE SET " + String.join(", ",
                table.columns().stream().map(PortableColumn::name).filter(c -> !c.equals(key)).map(c -> c + " = excluded." + c)
                        .toList())).orElse("");
        return "INSERT INTO " + table.name() + " (" + table.columnList() + ")" + overriding + " VALUES (" + placeholders + ")"
                + replacing;
    }

    /**
     * After an import into PostgreSQL: each identity sequence continues after the largest value imported, so new jobs
     * sort after the imported ones. (SQLite needs nothing: a new row's rowid is above the largest one there.)
     */
    void continueSequences() throws SQLException {
        if (node.isEmpty()) {
            return;
        }
        for (PortableTables.Table table : PortableTables.ALL) {
            if (table.identity().isEmpty()) {
                continue;
            }
            String column = table.identity().get();
            try (Statement statement = connection.createStatement();
                 ResultSet ignored = statement.executeQuery("SELECT setval(pg_get_serial_sequence('" + table.name() + "', '"
                         + column + "'), coalesce(max(" + column + "), 0) + 1, false) FROM " + table.name())) {
                // the query's work is setval's; its result (the value set) says nothing new
            }
        }
    }

    StoreLocation location() {
        return location;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException alreadyGone) {
            // an open transaction ends with the connection: rolled back
        } finally {
            node.ifPresent(PostgresNodeLock::close);
        }
    }
}
