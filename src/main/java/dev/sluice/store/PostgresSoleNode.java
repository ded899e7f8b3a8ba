package dev.sluice.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps a second server off a PostgreSQL database that one already uses, until nodes hold leases: each node re-queues
 * the jobs it finds running when it starts, which is right only if no other node runs them. A session-level advisory
 * lock, held on a connection of its own for the node's life, says one node is in; the server drops it with the
 * connection when the node dies.
 */
final class PostgresSoleNode implements AutoCloseable {

    /** The lock's first key, beside the queues' insert locks ({@code 0x511CE}) in Sluice's own range. */
    private static final int NODE_LOCK = 0x51_1CF;

    private final Connection connection;

    private PostgresSoleNode(Connection connection) {
        this.connection = connection;
    }

    /** Takes the lock, or throws {@link IllegalStateException} when another node holds it. */
    static PostgresSoleNode claim(PostgresSettings settings) {
        Connection connection;
        try {
            connection = PostgresDatabase.connect(settings, "sluice node lock");
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the PostgreSQL database " + PostgresDatabase.where(settings)
                    + ": " + e.getMessage(), e);
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + NODE_LOCK + ", 0)")) {
            if (rs.next() && rs.getBoolean(1)) {
                return new PostgresSoleNode(connection);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException("cannot take the node lock on " + PostgresDatabase.where(settings) + ": " + e.getMessage(), e);
        }
        closeQuietly(connection);
        throw new IllegalStateException("another Sluice server uses the PostgreSQL database " + PostgresDatabase.where(settings)
                + "; this version runs one node per database (stop the other, or give this one a database of its own)");
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException alreadyGone) {
            // the server releases a session's advisory locks when its connection ends, however it ends
        }
    }
}
