package dev.sluice.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The INSERT of a new job into the shared database, for submissions and schedule ticks, run inside the caller's
 * transaction: it checks the room left (under the queue's insert lock when that is short), fixes the job's
 * {@link Standing} and inserts.
 */
final class PostgresJobInsert implements ScheduleTicks.JobInsert {

    /** The first key of every queue's insert lock, which keeps Sluice's advisory locks apart from other users'. */
    private static final int QUEUE_INSERT_LOCKS = 0x51_1CE;

    /** How far below its limit a queue must be for a submission to skip the insert lock (see insertIfRoom). */
    static final int UNLOCKED_MARGIN = 8 * PostgresDatabase.POOL_SIZE;

    private final Clock clock;
    private final SqlCallbacks callbacks;

    PostgresJobInsert(Clock clock, SqlCallbacks callbacks) {
        this.clock = clock;
        this.callbacks = callbacks;
    }

    @Override
    public Job insert(Statements sql, NewJob job, Optional<String> schedule) throws SQLException {
        return insertIfRoom(sql, job, schedule, Integer.MAX_VALUE).orElseThrow();
    }

    /**
     * Inserts the job unless its queue already holds {@code maxWaiting} accepted jobs.
     *
     * <p>why: a queue near its limit takes a transaction-level advisory lock per queue (two-int form: a fixed class,
     * the queue name's hash) for its count and insert, so the limit holds exactly across nodes; no row of a table of
     * queues to create or forget, and claims never take it. Far from the limit, no lock: held until commit, it made
     * every submission of a queue wait for the one before to reach the disk (26 ms waits at 16 clients, bench/postgres),
     * where lock-free inserts share their WAL flushes. At most {@link PostgresDatabase#POOL_SIZE} inserts run at once on
     * a node, so {@link #UNLOCKED_MARGIN} below the limit no group of up to 8 nodes can overshoot it. Lock-free inserts
     * may commit out of seq order by a moment, so a claim can pass an older job whose commit is a moment behind.
     */
    Optional<Job> insertIfRoom(Statements sql, NewJob job, Optional<String> schedule, int maxWaiting) throws SQLException {
        if (maxWaiting < Integer.MAX_VALUE
                && (long) JobTable.count(sql, job.queue(), JobState.ACCEPTED) + UNLOCKED_MARGIN >= maxWaiting) {
            sql.rows("SELECT pg_advisory_xact_lock(?, ?)", rs -> Boolean.TRUE, QUEUE_INSERT_LOCKS, job.queue().hashCode());
            if (JobTable.count(sql, job.queue(), JobState.ACCEPTED) >= maxWaiting) {
                return Optional.empty();
            }
        }
        Instant now = clock.instant();
        Instant promoteAt = PostgresWaitingLine.promotion(sql, job.queue(), job.precedence(), now);
        Job inserted = JobTable.insert(sql, job, schedule, now, promoteAt);
        if (job.subscriber().isPresent()) {
            callbacks.insert(sql, job.id(), job.subscriber().get());
        }
        return Optional.of(inserted);
    }
}
