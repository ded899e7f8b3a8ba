package dev.sluice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one connection to the SQLite file, used under a lock: SQLite admits one writer at a time anyway, and
 * the lock keeps each transaction whole. Every SQL failure becomes a {@link StoreException}.
 */
final class SqliteConnection {

    /** Work done inside a transaction. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    SqliteConnection(Connection connection) {
        this.connection = connection;
    }

    /** Runs {@code work} in one transaction; {@code synced} makes its commit wait for the disk. */
    <T> T inTransaction(boolean synced, Work<T> work) {
        lock.lock();
        try {
            if (synced) {
                execute("PRAGMA synchronous = FULL");
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
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

    /** Runs {@code action} while no transaction of another thread can run. */
    void exclusively(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database", e);
        } finally {
            lock.unlock();
        }
    }

    private void execute(String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    List<Job> query(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<Job> jobs = new ArrayList<>();
            while (rs.next()) {
                jobs.add(JobRows.map(rs));
            }
            return jobs;
        }
    }

    /** Reads one value per row, for queries that need less than a whole job. */
    <T> List<T> rows(String sql, RowReader<T> reader, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> values = new ArrayList<>();
            while (rs.next()) {
                values.add(reader.read(rs));
            }
            return values;
        }
    }

    /** Turns the current row into a value. */
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    int scalar(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
