package dev.sluice.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps servers and a whole-database copy apart: every node holds this session-level advisory lock shared for its
 * life, and `sluice export` or `sluice import` holds it alone, so neither starts while the other runs. It is held on a
 * connection of its own; the database drops it with the connection when the holder dies. A restart of the database
 * drops it too, so the holder looks every {@link #RECHECK_EVERY} and takes it again as soon as the database answers.
 */
final class PostgresNodeLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresNodeLock.class);
    /** The lock's first key, beside the queues' insert locks ({@code 0x511CE}) in Sluice's own range. */
    private static final int NODE_LOCK = 0x51_1CF;
    static final Duration RECHECK_EVERY = Duration.ofSeconds(1);

    private final PostgresSettings settings;
    private final boolean shared;
    private volatile Connection connection;
    private volatile boolean open = true;
    private final Thread keeper;

    private PostgresNodeLock(PostgresSettings settings, boolean shared, Connection connection) {
        this.settings = settings;
        this.shared = shared;
        this.connection = connection;
        this.keeper = Thread.ofVirtual().name("postgres-node-lock").start(this::keep);
    }

    /** Takes the lock shared, for a node; throws {@link IllegalStateException} while an export or import holds it. */
    static PostgresNodeLock forNode(PostgresSettings settings) {
        return claim(settings, true, "an export or import is copying the PostgreSQL database " + PostgresDatabase.where(settings)
                + "; start the server once it has ended");
    }

    /** Takes the lock alone, for an export or import; throws {@link IllegalStateException} while a node runs. */
    static PostgresNodeLock alone(PostgresSettings settings) {
        return claim(settings, false, "a Sluice server uses the PostgreSQL database " + PostgresDatabase.where(settings)
                + "; stop every node first");
    }

    private static PostgresNodeLock claim(PostgresSettings settings, boolean shared, String refusal) {
        Connection connection;
        try {
            connection = PostgresDatabase.connect(settings, "sluice node lock");
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the PostgreSQL database " + PostgresDatabase.where(settings)
                    + ": " + e.getMessage(), e);
        }
        boolean taken;
        try {
            taken = tryLock(connection, shared);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException("cannot take the node lock on " + PostgresDatabase.where(settings) + ": " + e.getMessage(), e);
        }
        if (!taken) {
            closeQuietly(connection);
            throw new IllegalStateException(refusal);
        }
        return new PostgresNodeLock(settings, shared, connection);
    }

    private static boolean tryLock(Connection connection, boolean shared) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock" + (shared ? "_shared" : "") + "(" + NODE_LOCK + ", 0)")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    // why: a database restart ends the session and its lock with it; a server starting just then would get it
    private void keep() {
        boolean lost = false;
        while (open) {
            LockSupport.parkNanos(RECHECK_EVERY.toNanos());
            if (!open) {
                return;
            }
            try {
                if (connection.isValid((int) RECHECK_EVERY.toSeconds())) {
                    continue;
                }
                closeQuietly(connection);
                Connection fresh = PostgresDatabase.connect(settings, "sluice node lock");
                connection = fresh;
                if (!open) {
                    closeQuietly(fresh);
                    return;
                }
                if (tryLock(fresh, shared)) {
                    log.info("event=node-lock-retaken database={}", PostgresDatabase.where(settings));
                    lost = false;
                } else if (!lost) {
                    lost = true;
                    closeQuietly(fresh);
                    log.error("event=node-lock-lost database={} reason=\"{} took the database's node lock while the connection"
                            + " was down\"", PostgresDatabase.where(settings), shared ? "an export or import" : "a server");
                } else {
                    closeQuietly(fresh);
                }
            } catch (SQLException stillDown) {
                // the database does not answer yet; the next look tries again
            }
        }
    }

    @Override
    public void close() {
        open = false;
        LockSupport.unpark(keeper);
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
