package dev.sluice.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The statements on the jobs table that both SQL stores run alike, inside the caller's transaction. Each change of
 * state names the state it expects in its WHERE clause, so it is atomic on its own: a job that another transaction
 * (or node) moved first is left alone and reported as an {@link IllegalTransitionException}.
 */
final class JobTable {

    /** The states from which {@link JobTransitions} lets a job go back to its queue, as a SQL list. */
    private static final String REQUEUED_FROM = Arrays.stream(JobState.values())
            .filter(state -> JobTransitions.allowed(state, JobState.ACCEPTED))
            .map(state -> "'" + state.wireName() + "'").collect(Collectors.joining(", "));

    private JobTable() {
    }

    static Optional<Job> find(Statements sql, JobId id) throws SQLException {
        return sql.query("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE id = ?", id.value()).stream().findFirst();
    }

    static List<Job> recent(Statements sql, int limit) throws SQLException {
        return sql.query("SELECT " + JobRows.COLUMNS + " FROM jobs ORDER BY seq DESC LIMIT ?", limit);
    }

    static List<Job> matching(Statements sql, JobQuerySql select) throws SQLException {
        return sql.query(select.sql(), select.args().toArray());
    }

    static List<Job> inState(Statements sql, JobState state) throws SQLException {
        return sql.query("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE state = ? ORDER BY seq", state.wireName());
    }

    static int count(Statements sql, String queue, JobState state) throws SQLException {
        return sql.scalar("SELECT COUNT(*) FROM jobs WHERE queue = ? AND state = ?", queue, state.wireName());
    }

    /** Inserts a new job in state accepted, ordered by {@code promoteAt} as its store decided. */
    static Job insert(Statements sql, NewJob job, Optional<String> schedule, Instant now, Instant promoteAt) throws SQLException {
        return sql.query("INSERT INTO jobs (id, task, queue, state, inputs, max_retries, created, updated, owner, schedule,"
                        + " priority, promote_at) VALUES (?, ?, ?, 'accepted', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + JobRows.COLUMNS,
                job.id().value(), job.task(), job.queue(), JobRows.inputsJson(job.inputs()), job.maxRetries(), now.toEpochMilli(),
                now.toEpochMilli(), job.owner().orElse(null), schedule.orElse(null), job.precedence().priority(),
                promoteAt.toEpochMilli()).getFirst();
    }

    /**
     * Moves the accepted job of this sequence to running, counting the attempt, for the fence's node; empty when it is
     * no longer accepted (or the fence's node is no longer registered).
     */
    static Optional<Job> start(Statements sql, long sequence, long now, RunFence fence) throws SQLException {
        return sql.query("UPDATE jobs SET state = 'running', attempts = attempts + 1, started = ?, updated = ?,"
                + " progress = NULL, message = '', worker_pid = NULL, worker_started = NULL, peak_memory = NULL" + fence.claimSet()
                + " WHERE seq = ? AND state = 'accepted'" + fence.claimCheck() + " RETURNING " + JobRows.COLUMNS,
                fence.claimArgs(new Object[] {now, now}, new Object[] {sequence})).stream().findFirst();
    }

    static int noteWaiting(Statements sql, JobId id, String message, long now) throws SQLException {
        return sql.update("UPDATE jobs SET message = ?, updated = ? WHERE id = ? AND state = 'accepted' AND message <> ?",
                message, now, id.value(), message);
    }

    static int recordWorker(Statements sql, JobId id, Job.WorkerProcess worker, long now, RunFence fence) throws SQLException {
        return sql.update("UPDATE jobs SET worker_pid = ?, worker_started = ?, updated = ? WHERE id = ? AND state = 'running'"
                + fence.ownerCheck(), fence.ownerArgs(true, worker.pid(), worker.started().toEpochMilli(), now, id.value()));
    }

    static int updateProgress(Statements sql, JobId id, int progress, String message, long now, RunFence fence) throws SQLException {
        return sql.update("UPDATE jobs SET progress = ?, message = ?, updated = ? WHERE id = ? AND state = 'running'"
                + fence.ownerCheck(), fence.ownerArgs(true, Math.max(0, Math.min(100, progress)), message, now, id.value()));
    }

    /**
     * Ends the job with the outcome if it is in the {@code expected} state (and, when running, the fence's); the caller
     * has checked the move is allowed.
     */
    static Job end(Statements sql, JobId id, JobState expected, JobOutcome outcome, RunFacts facts, long now, RunFence fence)
            throws SQLException {
        boolean fenced = expected == JobState.RUNNING;
        String reason = outcome instanceof JobOutcome.Failed f ? f.reason().wireName()
                : outcome instanceof JobOutcome.Expired ? FailureReason.EXPIRED.wireName() : null;
        String progress = outcome instanceof JobOutcome.Succeeded ? ", progress = 100" : "";
        String interrupted = FailureReason.INTERRUPTED.wireName().equals(reason) ? ", interruptions = interruptions + 1" : "";
        Long workerPid = facts.worker().map(Job.WorkerProcess::pid).orElse(null);
        Long workerStarted = facts.worker().map(w -> w.started().toEpochMilli()).orElse(null);
        Optional<Job> finished = sql.query("UPDATE jobs SET state = ?, reason = ?, message = ?, finished = ?, updated = ?" + progress
                        + interrupted + ", worker_pid = coalesce(?, worker_pid), worker_started = coalesce(?, worker_started),"
                        + " peak_memory = coalesce(?, peak_memory) WHERE id = ? AND state = ?" + (fenced ? fence.ownerCheck() : "")
                        + " RETURNING " + JobRows.COLUMNS,
                fence.ownerArgs(fenced, outcome.state().wireName(), reason, outcome.message(), now, now, workerPid, workerStarted,
                        facts.peakMemory().orElse(null), id.value(), expected.wireName())).stream().findFirst();
        if (finished.isEmpty()) {
            throw refused(sql, id, expected, outcome.state());
        }
        return finished.get();
    }

    /** Puts a running job back in its queue, keeping its standing, counting the run it cut short as the cause says. */
    static Job requeue(Statements sql, JobId id, RequeueCause cause, String message, long now, RunFence fence) throws SQLException {
        String counted = switch (cause) {
            case RETRY -> "";
            case INTERRUPTED -> ", interruptions = interruptions + 1";
            case NEVER_STARTED -> ", attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END";
        };
        Optional<Job> requeued = sql.query("UPDATE jobs SET state = 'accepted', message = ?, progress = NULL, started = NULL,"
                + " worker_pid = NULL, worker_started = NULL, updated = ?" + counted + fence.release() + " WHERE id = ? AND state IN ("
                + REQUEUED_FROM + ")" + fence.ownerCheck() + " RETURNING " + JobRows.COLUMNS,
                fence.ownerArgs(true, message, now, id.value())).stream().findFirst();
        if (requeued.isEmpty()) {
            throw refused(sql, id, JobState.RUNNING, JobState.ACCEPTED);
        }
        return requeued.get();
    }

    /**
     * Why a change of state matched no row: the job is unknown, its state (as now committed) forbids the move, or it is
     * in the state expected but another node's (the fence).
     */
    private static RuntimeException refused(Statements sql, JobId id, JobState expected, JobState to) throws SQLException {
        Optional<Job> current = find(sql, id);
        if (current.isEmpty()) {
            return new IllegalArgumentException("no job " + id);
        }
        JobState state = current.get().state();
        return state == expected && state == JobState.RUNNING ? IllegalTransitionException.fencedOut(id)
                : new IllegalTransitionException(id, state, to);
    }

    static List<QueuedJob> lineUp(Statements sql, String queue) throws SQLException {
        return sql.rows("SELECT " + JobRows.QUEUED_COLUMNS + " FROM jobs WHERE queue = ? AND state IN ('accepted', 'running')"
                + " ORDER BY seq", JobRows::queued, queue);
    }

    static List<Duration> recentDurations(Statements sql, String task, int limit) throws SQLException {
        return sql.rows("SELECT finished - started FROM jobs WHERE task = ? AND state = 'successful'"
                + " AND started IS NOT NULL AND finished IS NOT NULL ORDER BY seq DESC LIMIT ?",
                rs -> Duration.ofMillis(Math.max(0, rs.getLong(1))), task, limit);
    }

    static List<JobId> waitingSince(Statements sql, String queue, Instant before, int limit) throws SQLException {
        return sql.rows("SELECT id FROM jobs WHERE queue = ? AND state = 'accepted' AND attempts = 0 AND created < ?"
                + " ORDER BY seq LIMIT ?", rs -> new JobId(rs.getString(1)), queue, before.toEpochMilli(), limit);
    }
}
