package dev.sluice.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The INSERT of a new job into the shared database, for submissions and schedule ticks, run inside the caller's
 * transaction: it takes the queue's insert lock, checks the room left, fixes the job's {@link Standing} and inserts.
 */
final class PostgresJobInsert implements ScheduleTicks.JobInsert {

    /** The first key of every queue's insert lock, which keeps Sluice's advisory locks apart from other users'. */
    private static final int QUEUE_INSERT_LOCKS = 0x51_1CE;

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
     * <p>why: the count and the insert are made under a transaction-level advisory lock per queue (two-int form: a
     * fixed class, the queue name's hash), not a row lock in a table of queues: there is no row to create or forget
     * per queue name, a hash collision merely makes two queues' inserts take turns, and claims never take it, so they
     * never wait for submissions. Held until commit, it also makes a queue's seq order its commit order: no node
     * claims a job while an older one of its queue is still being inserted.
     */
    Optional<Job> insertIfRoom(Statements sql, NewJob job, Optional<String> schedule, int maxWaiting) throws SQLException {
        sql.rows("SELECT pg_advisory_xact_lock(?, ?)", rs -> Boolean.TRUE, QUEUE_INSERT_LOCKS, job.queue().hashCode());
        if (maxWaiting < Integer.MAX_VALUE && JobTable.count(sql, job.queue(), JobState.ACCEPTED) >= maxWaiting) {
            return Optional.empty();
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
