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
 * Keeps a second server off a PostgreSQL database that one already uses, until nodes hold leases: each node re-queues
 * the jobs it finds running when it starts, which is right only if no other node runs them. A session-level advisory
 * lock, held on a connection of its own for the node's life, says one node is in; the database drops it with the
 * connection when the node dies. A restart of the database drops it too, so the node looks every
 * {@link #RECHECK_EVERY} and takes it again as soon as the database answers.
 */
final class PostgresSoleNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresSoleNode.class);
    /** The lock's first key, beside the queues' insert locks ({@code 0x511CE}) in Sluice's own range. */
    private static final int NODE_LOCK = 0x51_1CF;
    static final Duration RECHECK_EVERY = Duration.ofSeconds(1);

    private final PostgresSettings settings;
    private volatile Connection connection;
    private volatile boolean open = true;
    private final Thread keeper;

    private PostgresSoleNode(PostgresSettings settings, Connection connection) {
        this.settings = settings;
        this.connection = connection;
        this.keeper = Thread.ofVirtual().name("postgres-node-lock").start(this::keep);
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
        boolean taken;
        try {
            taken = tryLock(connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException("cannot take the node lock on " + PostgresDatabase.where(settings) + ": " + e.getMessage(), e);
        }
        if (!taken) {
            closeQuietly(connection);
            throw new IllegalStateException("another Sluice server uses the PostgreSQL database " + PostgresDatabase.where(settings)
                    + "; this version runs one node per database (stop the other, or give this one a database of its own)");
        }
        return new PostgresSoleNode(settings, connection);
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + NODE_LOCK + ", 0)")) {
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
                if (tryLock(fresh)) {
                    log.info("event=node-lock-retaken database={}", PostgresDatabase.where(settings));
                    lost = false;
                } else if (!lost) {
                    lost = true;
                    closeQuietly(fresh);
                    log.error("event=node-lock-lost database={} reason=\"another server took this database's node lock while"
                            + " the connection was down; two servers on one database re-queue each other's jobs: stop one\"",
                            PostgresDatabase.where(settings));
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
