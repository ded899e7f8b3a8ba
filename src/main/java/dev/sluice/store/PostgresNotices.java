package dev.sluice.store;

import java.sql.SQLException;

/**
 * The notifications a PostgreSQL store sends inside the transaction of a change, which PostgreSQL delivers to the
 * other nodes at its commit (and drops with a rollback): a queue got work ({@link PostgresSignals#WAKE}), a job
 * changed ({@link PostgresSignals#EVENTS}); the payloads are {@link SignalPayload}s.
 */
final class PostgresNotices {

    // why: in the statement of the UPDATE itself, so a progress report costs no round trip more than before, and only
    // a report that changed a running job's row is told (JobTable.updateProgress is this UPDATE without it)
    private static final String PROGRESS = "WITH changed AS (UPDATE jobs SET progress = ?, message = ?, updated = ?"
            + " WHERE id = ? AND state = 'running' RETURNING 1) SELECT pg_notify('" + PostgresSignals.EVENTS + "', ?) FROM changed";

    private final String origin;

    /** {@code origin} names this node in what it sends, so it can tell its own changes from the others'. */
    PostgresNotices(String origin) {
        this.origin = origin;
    }

    String origin() {
        return origin;
    }

    /** A job was queued (inserted, or put back): its queue gets work, and the job's state changed. */
    void jobQueued(Statements sql, Job job) throws SQLException {
        sql.rows("SELECT pg_notify('" + PostgresSignals.WAKE + "', ?), pg_notify('" + PostgresSignals.EVENTS + "', ?)",
                rs -> Boolean.TRUE, SignalPayload.queued(origin, job.queue()), SignalPayload.stateChanged(origin, job));
    }

    void stateChanged(Statements sql, Job job) throws SQLException {
        notifyEvents(sql, SignalPayload.stateChanged(origin, job));
    }

    void waitingNoted(Statements sql, JobId job, String message) throws SQLException {
        notifyEvents(sql, SignalPayload.waitingNoted(origin, job, message));
    }

    /** Sets a running job's progress and tells the others, in one statement; how many rows changed (0 or 1). */
    int updateProgress(Statements sql, JobId job, int progress, String message, long now) throws SQLException {
        int percent = Math.max(0, Math.min(100, progress));
        return sql.rows(PROGRESS, rs -> Boolean.TRUE, percent, message, now, job.value(),
                SignalPayload.progressed(origin, job, percent, message)).size();
    }

    private static void notifyEvents(Statements sql, String payload) throws SQLException {
        sql.rows("SELECT pg_notify('" + PostgresSignals.EVENTS + "', ?)", rs -> Boolean.TRUE, payload);
    }
}
