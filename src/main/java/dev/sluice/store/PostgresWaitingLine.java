package dev.sluice.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link WaitingLine}'s order, computed in SQL from the jobs table on every call: the database is shared by several
 * nodes, so no node can keep the line in memory. Promoted jobs (promote_at at or before now, by the calling node's
 * clock) start first, in seq order; then the others by priority, highest first, then seq. Runs inside the caller's
 * transaction.
 */
final class PostgresWaitingLine {

    // why: two statements, each answered by an index in its own order ((queue, state, seq) for the promoted ones, the
    // partial (queue, priority DESC, seq) for the others), instead of one that sorts the whole waiting line per claim.
    // SKIP LOCKED: a row another node is claiming right now is passed over, never waited for, and never taken twice.
    private static final String FIRST_PROMOTED = "SELECT " + JobRows.QUEUED_COLUMNS + " FROM jobs"
            + " WHERE queue = ? AND state = 'accepted' AND promote_at <= ? ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED";
    private static final String FIRST_BY_PRIORITY = "SELECT " + JobRows.QUEUED_COLUMNS + " FROM jobs"
            + " WHERE queue = ? AND state = 'accepted' AND promote_at > ? ORDER BY priority DESC, seq LIMIT 1 FOR UPDATE SKIP LOCKED";

    private PostgresWaitingLine() {
    }

    /** The job that starts next and that no other transaction holds, locked until the caller's transaction ends. */
    static Optional<QueuedJob> lockFirst(Statements sql, String queue, Instant now) throws SQLException {
        List<QueuedJob> promoted = sql.rows(FIRST_PROMOTED, JobRows::queued, queue, now.toEpochMilli());
        if (!promoted.isEmpty()) {
            return Optional.of(promoted.getFirst());
        }
        return sql.rows(FIRST_BY_PRIORITY, JobRows::queued, queue, now.toEpochMilli()).stream().findFirst();
    }

    /** How many accepted jobs of its queue start before the job of this sequence; 0 when it is not waiting. */
    static int ahead(Statements sql, long sequence, Instant now) throws SQLException {
        long nowMillis = now.toEpochMilli();
        Optional<Place> place = sql.rows("SELECT queue, priority, promote_at FROM jobs WHERE seq = ? AND state = 'accepted'",
                rs -> new Place(rs.getString(1), rs.getInt(2), rs.getLong(3)), sequence).stream().findFirst();
        if (place.isEmpty()) {
            return 0;
        }
        Place job = place.get();
        if (job.promoteAt() <= nowMillis) {
            return sql.scalar("SELECT COUNT(*) FROM jobs WHERE queue = ? AND state = 'accepted' AND seq < ? AND promote_at <= ?",
                    job.queue(), sequence, nowMillis);
        }
        return sql.scalar("SELECT COUNT(*) FROM jobs WHERE queue = ? AND state = 'accepted' AND (promote_at <= ?"
                + " OR priority > ? OR (priority = ? AND seq < ?))", job.queue(), nowMillis, job.priority(), job.priority(), sequence);
    }

    /**
     * When a new job of the queue is promoted: its {@code promoteAfter} from now, or later if a waiting job of its
     * priority is promoted later (after a clock step back, a shorter `promote-after` than before, or another node's
     * clock a little ahead), so jobs of one priority start in submission order. Two submissions committing at the
     * same moment without the queue's insert lock may take promotions a moment apart in either order.
     */
    static Instant promotion(Statements sql, String queue, Precedence precedence, Instant now) throws SQLException {
        Instant own = now.plus(precedence.promoteAfter());
        long last = sql.rows("SELECT COALESCE(MAX(promote_at), 0) FROM jobs WHERE queue = ? AND state = 'accepted'"
                + " AND priority = ? AND promote_at > ?", rs -> rs.getLong(1), queue, precedence.priority(), now.toEpochMilli()).getFirst();
        return last > own.toEpochMilli() ? Instant.ofEpochMilli(last) : own;
    }

    /** Where a waiting job stands: its queue and standing, as the table holds them now. */
    private record Place(String queue, int priority, long promoteAt) {
    }
}
