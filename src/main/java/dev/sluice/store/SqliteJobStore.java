package dev.sluice.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The embedded store: the jobs table of one SQLite file in WAL mode, through one {@link SqliteConnection}. */
public final class SqliteJobStore implements JobStore {

    private final SqliteConnection db;
    private final Clock clock;
    private final boolean syncAcceptance;
    private final AcceptedJobs accepted = new AcceptedJobs();
    private final SqliteJobInsert inserts;
    private final SqliteScheduleTicks ticks;
    private final SqliteRetention retention;
    private final SqliteCallbacks callbacks;

    private SqliteJobStore(Connection connection, Clock clock, boolean syncAcceptance) throws SQLException {
        this.db = new SqliteConnection(connection);
        this.clock = clock;
        this.callbacks = new SqliteCallbacks(db);
        this.inserts = new SqliteJobInsert(db, clock, accepted, callbacks);
        this.ticks = new SqliteScheduleTicks(db, clock, inserts);
        this.retention = new SqliteRetention(db, clock);
        this.syncAcceptance = syncAcceptance;
        readAccepted();
    }

    /** Opens (creating if needed) the database file and brings its schema up to date; commits survive a server crash. */
    public static SqliteJobStore open(Path file, Clock clock) {
        return open(file, clock, false);
    }

    /**
     * Like {@link #open(Path, Clock)}; with {@code syncAcceptance} every acceptance is also synced to disk
     * before it is reported, so it survives a power loss too (at the price of a disk sync per group of inserts).
     */
    public static SqliteJobStore open(Path file, Clock clock, boolean syncAcceptance) {
        try {
            return new SqliteJobStore(SqliteDatabase.migrated(file).getConnection(), clock, syncAcceptance);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file, e);
        }
    }

    /**
     * The insert shares its commit with the other writes waiting at that moment (see {@link SqliteConnection}),
     * so with synced acceptance concurrent submissions share one disk sync instead of queueing for one each.
     */
    @Override
    public Optional<Job> insertIfRoom(NewJob job, int maxWaiting) {
        return write(syncAcceptance, () -> {
            if (accepted.count(job.queue()) >= maxWaiting) {
                return Optional.empty();
            }
            return Optional.of(inserts.insert(job, Optional.empty()));
        });
    }

    @Override
    public RetentionStore retention() {
        return retention;
    }

    @Override
    public CallbackStore callbacks() {
        return callbacks;
    }

    @Override
    public List<JobId> waitingSince(String queue, Instant before, int limit) {
        return db.read(() -> db.rows("SELECT id FROM jobs WHERE queue = ? AND state = 'accepted' AND attempts = 0 AND created < ?"
                + " ORDER BY seq LIMIT ?", rs -> new JobId(rs.getString(1)), queue, before.toEpochMilli(), limit));
    }

    @Override
    public Optional<ScheduleTick> recordTick(String schedule, Instant at, Optional<NewJob> job, boolean skipWhileActive) {
        return write(true, () -> ticks.record(schedule, at, job, skipWhileActive));
    }

    @Override
    public Optional<Maintenance> maintenance() {
        return db.read(() -> SqliteServerRows.maintenance(db));
    }

    @Override
    public void setMaintenance(Optional<Maintenance> maintenance) {
        db.write(true, () -> SqliteServerRows.setMaintenance(db, maintenance));
    }

    @Override
    public List<ScheduleTick> lastTicks() {
        return db.read(ticks::last);
    }

    /** A write that may change which jobs wait; if it fails, they are read again from the table. */
    private <T> T write(boolean synced, SqliteConnection.Work<T> work) {
        try {
            return db.write(synced, work);
        } catch (RuntimeException failed) {
            db.read(() -> {
                readAccepted();
                return null;
            });
            throw failed;
        }
    }

    private void readAccepted() throws SQLException {
        Map<String, List<QueuedJob>> byQueue = new HashMap<>();
        db.rows("SELECT " + JobRows.QUEUED_COLUMNS + ", queue FROM jobs WHERE state = 'accepted' ORDER BY seq", rs -> byQueue
                .computeIfAbsent(rs.getString("queue"), q -> new ArrayList<>()).add(JobRows.queued(rs)));
        accepted.replaceAll(byQueue);
    }

    @Override
    public Optional<Job> find(JobId id) {
        return db.read(() -> load(id));
    }

    @Override
    public List<Job> recent(int limit) {
        return db.read(() -> db.query("SELECT " + JobRows.COLUMNS + " FROM jobs ORDER BY seq DESC LIMIT ?", limit));
    }

    @Override
    public List<Job> list(JobQuery query) {
        JobQuerySql select = JobQuerySql.of(query, clock.millis());
        return db.read(() -> db.query(select.sql(), select.args().toArray()));
    }

    @Override
    public List<Job> inState(JobState state) {
        return db.read(() -> db.query("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE state = ? ORDER BY seq",
                state.wireName()));
    }

    @Override
    public List<Job> finishedSince(java.util.Set<String> tasks, java.time.Instant since, int limit) {
        JobQuerySql select = JobQuerySql.finishedSince(tasks, since, limit);
        return tasks.isEmpty() ? List.of() : db.read(() -> db.query(select.sql(), select.args().toArray()));
    }

    @Override
    public int count(String queue, JobState state) {
        if (state == JobState.ACCEPTED) {
            return accepted.count(queue);
        }
        return db.read(() -> db.scalar("SELECT COUNT(*) FROM jobs WHERE queue = ? AND state = ?",
                queue, state.wireName()));
    }

    @Override
    public int positionInQueue(Job job) {
        return accepted.ahead(job.queue(), job.sequence(), clock.instant());
    }

    @Override
    public Optional<Job> claimNext(String queue, Predicate<QueuedJob> admit) {
        return write(false, () -> claim(queue, admit));
    }

    /**
     * The finish and the claim each keep their own savepoint: a claim that fails leaves the finish standing
     * (the slot claims again by itself), while a finish that is refused throws as {@link #finish} does.
     */
    @Override
    public Handover finishAndClaimNext(JobId id, JobOutcome outcome, RunFacts facts, String queue, Predicate<QueuedJob> admit) {
        JobTransitions.check(id, JobState.RUNNING, outcome.state());
        return write(false, () -> {
            Job finished = end(id, JobState.RUNNING, outcome, facts);
            Optional<Job> next = db.nested(() -> claim(queue, admit), () -> {
                readAccepted();
                return Optional.empty();
            });
            return new Handover(finished, next);
        });
    }

    private Optional<Job> claim(String queue, Predicate<QueuedJob> admit) throws SQLException {
        for (Optional<QueuedJob> next = accepted.first(queue, clock.instant()); next.isPresent();
                next = accepted.first(queue, clock.instant())) {
            if (!admit.test(next.get())) {
                return Optional.empty();
            }
            long now = clock.millis();
            Optional<Job> claimed = db.query("UPDATE jobs SET state = 'running', attempts = attempts + 1, started = ?, updated = ?,"
                    + " progress = NULL, message = '', worker_pid = NULL, worker_started = NULL, peak_memory = NULL"
                    + " WHERE seq = ? AND state = 'accepted' RETURNING " + JobRows.COLUMNS, now, now, next.get().sequence())
                    .stream().findFirst();
            accepted.remove(queue, next.get().sequence());
            if (claimed.isPresent()) {
                return claimed;
            }
        }
        return Optional.empty();
    }

    @Override
    public void noteWaiting(JobId id, String message) {
        db.write(false, () -> db.update("UPDATE jobs SET message = ?, updated = ? WHERE id = ? AND state = 'accepted' AND message <> ?",
                message, clock.millis(), id.value(), message));
    }


    @Override
    public void recordWorker(JobId id, Job.WorkerProcess worker) {
        db.write(false, () -> db.update("UPDATE jobs SET worker_pid = ?, worker_started = ?, updated = ?"
                + " WHERE id = ? AND state = 'running'", worker.pid(), worker.started().toEpochMilli(), clock.millis(), id.value()));
    }

    @Override
    public void updateProgress(JobId id, int progress, String message) {
        db.write(false, () -> db.update("UPDATE jobs SET progress = ?, message = ?, updated = ? WHERE id = ? AND state = 'running'",
                Math.max(0, Math.min(100, progress)), message, clock.millis(), id.value()));
    }

    @Override
    public Job finish(JobId id, JobState expected, JobOutcome outcome, RunFacts facts) {
        JobTransitions.check(id, expected, outcome.state());
        return write(false, () -> end(id, expected, outcome, facts));
    }

    private Job end(JobId id, JobState expected, JobOutcome outcome, RunFacts facts) throws SQLException {
        long now = clock.millis();
        String reason = outcome instanceof JobOutcome.Failed f ? f.reason().wireName()
                : outcome instanceof JobOutcome.Expired ? FailureReason.EXPIRED.wireName() : null;
        String progress = outcome instanceof JobOutcome.Succeeded ? ", progress = 100" : "";
        String interrupted = FailureReason.INTERRUPTED.wireName().equals(reason) ? ", interruptions = interruptions + 1" : "";
        Long workerPid = facts.worker().map(Job.WorkerProcess::pid).orElse(null);
        Long workerStarted = facts.worker().map(w -> w.started().toEpochMilli()).orElse(null);
        Optional<Job> finished = db.query("UPDATE jobs SET state = ?, reason = ?, message = ?, finished = ?, updated = ?" + progress + interrupted
                        + ", worker_pid = coalesce(?, worker_pid), worker_started = coalesce(?, worker_started),"
                        + " peak_memory = coalesce(?, peak_memory) WHERE id = ? AND state = ? RETURNING " + JobRows.COLUMNS,
                outcome.state().wireName(), reason, outcome.message(), now, now, workerPid, workerStarted,
                facts.peakMemory().orElse(null), id.value(), expected.wireName()).stream().findFirst();
        if (finished.isEmpty()) {
            Job current = load(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
            throw new IllegalTransitionException(id, current.state(), outcome.state());
        }
        if (expected == JobState.ACCEPTED) {
            accepted.remove(finished.get().queue(), finished.get().sequence());
        }
        return finished.get();
    }

    @Override
    public Job requeue(JobId id, RequeueCause cause, String message) {
        String counted = switch (cause) {
            case RETRY -> "";
            case INTERRUPTED -> ", interruptions = interruptions + 1";
            case NEVER_STARTED -> ", attempts = max(attempts - 1, 0)";
        };
        return write(false, () -> {
            Job current = load(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
            JobTransitions.check(id, current.state(), JobState.ACCEPTED);
            Job requeued = db.query("UPDATE jobs SET state = 'accepted', message = ?, progress = NULL, started = NULL,"
                    + " worker_pid = NULL, worker_started = NULL, updated = ?" + counted + " WHERE id = ? RETURNING " + JobRows.COLUMNS,
                    message, clock.millis(), id.value()).getFirst();
            accepted.add(requeued);
            return requeued;
        });
    }

    @Override
    public List<QueuedJob> lineUp(String queue) {
        return db.read(() -> db.rows("SELECT " + JobRows.QUEUED_COLUMNS + " FROM jobs"
                + " WHERE queue = ? AND state IN ('accepted', 'running') ORDER BY seq", JobRows::queued, queue));
    }

    @Override
    public List<java.time.Duration> recentDurations(String task, int limit) {
        return db.read(() -> db.rows("SELECT finished - started FROM jobs WHERE task = ? AND state = 'successful'"
                + " AND started IS NOT NULL AND finished IS NOT NULL ORDER BY seq DESC LIMIT ?",
                rs -> java.time.Duration.ofMillis(Math.max(0, rs.getLong(1))), task, limit));
    }

    @Override
    public byte[] serverKey(String name, byte[] created) {
        return db.write(true, () -> SqliteServerRows.serverKey(db, name, created));
    }

    @Override
    public void checkWritable() {
        db.write(false, () -> SqliteServerRows.probe(db, clock.millis()));
    }

    /** SQLite's VACUUM INTO: one read of the database, so the copy is of one committed state, compacted as it goes. */
    @Override
    public void backupTo(Path file) {
        db.read(() -> db.update("VACUUM INTO ?", file.toAbsolutePath().toString()));
    }

    @Override
    public void close() {
        db.close();
    }

    private Optional<Job> load(JobId id) throws SQLException {
        List<Job> found = db.query("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE id = ?", id.value());
        return found.stream().findFirst();
    }
}
