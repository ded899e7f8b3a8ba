package dev.sluice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one connection to the SQLite file, used under a lock: SQLite admits one writer at a time anyway, and
 * the lock keeps each transaction whole. Every SQL failure becomes a {@link StoreException}.
 *
 * <p>Writes are committed in groups: whoever gets the lock runs every write waiting at that moment in one
 * transaction, each inside its own savepoint so that one failing write does not undo the others. A commit
 * writes each changed page to the log with two system calls, so writes that share a commit (and often a
 * page) cost far less than one transaction each.
 *
 * <p>Statements are prepared once and reused, and the file is locked for this connection alone: the data
 * folder belongs to one server (its lock file says so), and taking SQLite's file locks afresh in every
 * transaction cost more than the transaction's own work.
 */
final class SqliteConnection implements Statements, Transactions {

    private static final int LARGEST_GROUP = 256;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final ConcurrentLinkedQueue<PendingWrite<?>> pending = new ConcurrentLinkedQueue<>();

    SqliteConnection(Connection connection) throws SQLException {
        this.connection = connection;
        execute("PRAGMA locking_mode = EXCLUSIVE");
        // why: each write's savepoint copies the pages it changes into a sub-journal; in a temporary file that
        // was a system call per page, in memory it is a copy
        execute("PRAGMA temp_store = MEMORY");
        // why: ids are random, so each insert touches a leaf anywhere in the id index; a page cache of 2 MB
        // (the default) read them back from the file again and again once the table outgrew it
        execute("PRAGMA cache_size = -8192");
        // why: a checkpoint syncs the disk under the lock; fewer, larger ones write each busy page once, not often
        execute("PRAGMA wal_autocheckpoint = 8192");
    }

    /** A write waiting for the next group commit, and what became of it. */
    private static final class PendingWrite<T> {
        final Transactions.Work<T> work;
        final boolean synced;
        final Thread writer = Thread.currentThread();
        T result;
        RuntimeException failure;
        volatile boolean done;

        PendingWrite(Transactions.Work<T> work, boolean synced) {
            this.work = work;
            this.synced = synced;
        }
    }

    /**
     * Runs {@code work} as one atomic write, committed (and with {@code synced}, on disk) when this returns.
     * It shares its transaction with the writes that wait at the same moment.
     *
     * <p>Whoever finds the lock free commits every waiting write and wakes each writer; the others sleep until
     * their write is done. Waiting for the lock itself instead let busy submitters take it again and again
     * while a queue slot, whose write was long committed, waited for its turn to learn so.
     */
    <T> T write(boolean synced, Transactions.Work<T> work) {
        PendingWrite<T> mine = new PendingWrite<>(work, synced);
        pending.add(mine);
        while (!mine.done) {
            if (lock.tryLock()) {
                commitAllPending();
            } else {
                LockSupport.park(this);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void commitAllPending() {
        try {
            while (!pending.isEmpty()) {
                commitPending();
            }
        } finally {
            unlock();
        }
    }

    // why: a write added while the lock was held found it taken and sleeps; so whoever lets go of the lock
    // (a reader too) wakes a waiting writer, which takes the lock and commits what waits
    private void unlock() {
        lock.unlock();
        PendingWrite<?> waiting = pending.peek();
        if (waiting != null && !lock.isHeldByCurrentThread()) {
            LockSupport.unpark(waiting.writer);
        }
    }

    private void commitPending() {
        List<PendingWrite<?>> group = new ArrayList<>();
        boolean synced = false;
        for (PendingWrite<?> next; group.size() < LARGEST_GROUP && (next = pending.poll()) != null; ) {
            group.add(next);
            synced |= next.synced;
        }
        boolean ended = false;
        RuntimeException groupFailure = null;
        try {
            inTransaction(synced, sql -> {
                for (PendingWrite<?> write : group) {
                    runIsolated(write);
                }
                return null;
            });
            ended = true;
        } catch (RuntimeException commitFailed) {
            groupFailure = commitFailed;
            ended = true;
        } finally {
            if (!ended) {
                groupFailure = new StoreException("the write was abandoned", null);
            }
            for (PendingWrite<?> write : group) {
                write.failure = write.failure == null ? groupFailure : write.failure;
                write.done = true;
                LockSupport.unpark(write.writer);
            }
        }
    }

    private <T> void runIsolated(PendingWrite<T> write) throws SQLException {
        prepare("SAVEPOINT one_write").execute();
        try {
            write.result = write.work.run(this);
            prepare("RELEASE one_write").execute();
        } catch (SQLException | RuntimeException e) {
            forgetStatements();
            prepare("ROLLBACK TO one_write").execute();
            prepare("RELEASE one_write").execute();
            write.failure = e instanceof SQLException sql ? new StoreException("database operation failed: " + sql.getMessage(), sql)
                    : (RuntimeException) e;
        }
    }

    /**
     * Inside a write: runs {@code work} in a savepoint of its own and returns what it returns; if it fails, undoes
     * only its changes and returns what {@code instead} returns.
     */
    <T> T nested(Transactions.Work<T> work, Transactions.Work<T> instead) throws SQLException {
        prepare("SAVEPOINT nested_write").execute();
        try {
            T result = work.run(this);
            prepare("RELEASE nested_write").execute();
            return result;
        } catch (SQLException | RuntimeException e) {
            forgetStatements();
            prepare("ROLLBACK TO nested_write").execute();
            prepare("RELEASE nested_write").execute();
            return instead.run(this);
        }
    }

    /** A write that needs no sync of its own; it shares its commit as {@link #write(boolean, Transactions.Work)} says. */
    @Override
    public <T> T write(Transactions.Work<T> work) {
        return write(false, work);
    }

    /** Runs {@code work}, which only reads, alone: each statement sees one committed state. */
    @Override
    public <T> T read(Transactions.Work<T> work) {
        lock.lock();
        try {
            return work.run(this);
        } catch (SQLException e) {
            forgetStatements();
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        } finally {
            unlock();
        }
    }

    // why: a statement that failed half-way (SQLITE_FULL in a RETURNING) is left unusable ("statement is not
    // executing") by the driver; prepared afresh, the next write works once the disk has room again
    private void forgetStatements() {
        for (PreparedStatement ps : prepared.values()) {
            try {
                ps.close();
            } catch (SQLException alreadyBroken) {
                // it is being dropped anyway
            }
        }
        prepared.clear();
    }

    /** Runs {@code work} in one transaction of its own; {@code synced} makes its commit wait for the disk. */
    private <T> T inTransaction(boolean synced, Transactions.Work<T> work) {
        lock.lock();
        try {
            if (synced) {
                execute("PRAGMA synchronous = FULL");
            }
            // why: BEGIN and COMMIT as reused statements; JDBC's auto-commit switch prepares several statements anew
            begin();
            try {
                T result = work.run(this);
                prepare("COMMIT").execute();
                return result;
            } catch (SQLException | RuntimeException e) {
                forgetStatements();
                rollback();
                throw e;
            } finally {
                if (synced) {
                    execute("PRAGMA synchronous = NORMAL");
                }
            }
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void begin() throws SQLException {
        try {
            prepare("BEGIN IMMEDIATE").execute();
        } catch (SQLException stillOpen) {
            // why: a rollback that failed (an I/O error) can leave a transaction open; end it and start afresh
            prepare("ROLLBACK").execute();
            prepare("BEGIN IMMEDIATE").execute();
        }
    }

    private void rollback() {
        try {
            prepare("ROLLBACK").execute();
        } catch (SQLException alreadyEnded) {
            // SQLite rolls back by itself after some errors; begin() repairs any other leftover
        }
    }

    /** Gives SQLite's page cache back to the C library; the file's pages stay in the system's cache for the next reads. */
    void releaseCache() {
        lock.lock();
        try {
            if (!connection.isClosed()) {
                execute("PRAGMA shrink_memory");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot release the database's cache: " + e.getMessage(), e);
        } finally {
            unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            for (PreparedStatement ps : prepared.values()) {
                ps.close();
            }
            prepared.clear();
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database", e);
        } finally {
            unlock();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public <T> List<T> rows(String sql, RowReader<T> reader, Object... args) throws SQLException {
        // why: the statement is kept for reuse; only its result set is closed
        try (ResultSet rs = prepare(sql, args).executeQuery()) {
            List<T> values = new ArrayList<>();
            while (rs.next()) {
                values.add(reader.read(rs));
            }
            return values;
        }
    }

    @Override
    public int scalar(String sql, Object... args) throws SQLException {
        try (ResultSet rs = prepare(sql, args).executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Override
    public int update(String sql, Object... args) throws SQLException {
        return prepare(sql, args).executeUpdate();
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            prepared.put(sql, ps);
        } else {
            ps.clearParameters();
        }
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
