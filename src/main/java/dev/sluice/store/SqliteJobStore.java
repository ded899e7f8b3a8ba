package dev.sluice.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The embedded store: the jobs table of one SQLite file in WAL mode, through one {@link SqliteConnection}. */
public final class SqliteJobStore implements JobStore {

    private static final int LARGEST_INSERT_GROUP = 256;

    private final SqliteConnection db;
    private final ConcurrentLinkedQueue<PendingInsert> pendingInserts = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final boolean syncAcceptance;

    private SqliteJobStore(Connection connection, Clock clock, boolean syncAcceptance) {
        this.db = new SqliteConnection(connection);
        this.clock = clock;
        this.syncAcceptance = syncAcceptance;
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
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // why: in WAL mode NORMAL is durable against any crash of the server process; only power loss needs FULL
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/sqlite")
                .loggers("slf4j")
                .load()
                .migrate();
        try {
            return new SqliteJobStore(dataSource.getConnection(), clock, syncAcceptance);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file, e);
        }
    }

    /**
     * Inserts are committed in groups: whoever holds the lock commits every insert waiting at that moment in
     * one synced transaction, so concurrent submissions share one disk sync instead of queueing for one each.
     */
    @Override
    public Optional<Job> insertIfRoom(NewJob job, int maxWaiting) {
        PendingInsert mine = new PendingInsert(job, maxWaiting);
        pendingInserts.add(mine);
        db.exclusively(() -> {
            if (!mine.done) {
                commitPendingInserts();
            }
        });
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private static final class PendingInsert {
        final NewJob job;
        final int maxWaiting;
        Optional<Job> result = Optional.empty();
        RuntimeException failure;
        boolean done;

        PendingInsert(NewJob job, int maxWaiting) {
            this.job = job;
            this.maxWaiting = maxWaiting;
        }
    }

    private void commitPendingInserts() {
        List<PendingInsert> batch = new ArrayList<>();
        for (PendingInsert next; batch.size() < LARGEST_INSERT_GROUP && (next = pendingInserts.poll()) != null; ) {
            batch.add(next);
        }
        try {
            db.inTransaction(syncAcceptance, () -> {
                long now = clock.millis();
                for (PendingInsert p : batch) {
                    if (db.scalar("SELECT COUNT(*) FROM jobs WHERE queue = ? AND state = 'accepted'", p.job.queue()) >= p.maxWaiting) {
                        continue;
                    }
                    db.update("INSERT INTO jobs (id, task, queue, state, inputs, max_retries, created, updated)"
                                    + " VALUES (?, ?, ?, 'accepted', ?, ?, ?, ?)", p.job.id().value(), p.job.task(), p.job.queue(),
                            JobRows.inputsJson(p.job.inputs()), p.job.maxRetries(), now, now);
                    p.result = load(p.job.id());
                }
                return null;
            });
        } catch (RuntimeException failed) {
            batch.forEach(p -> {
                p.result = Optional.empty();
                p.failure = failed;
            });
        }
        batch.forEach(p -> p.done = true);
    }

    @Override
    public Optional<Job> find(JobId id) {
        return db.inTransaction(false, () -> load(id));
    }

    @Override
    public List<Job> recent(int limit) {
        return db.inTransaction(false, () -> db.query("SELECT " + JobRows.COLUMNS + " FROM jobs ORDER BY seq DESC LIMIT ?", limit));
    }

    @Override
    public List<Job> inState(JobState state) {
        return db.inTransaction(false, () -> db.query("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE state = ? ORDER BY seq",
                state.wireName()));
    }

    @Override
    public int count(String queue, JobState state) {
        return db.inTransaction(false, () -> db.scalar("SELECT COUNT(*) FROM jobs WHERE queue = ? AND state = ?",
                queue, state.wireName()));
    }

    @Override
    public int positionInQueue(Job job) {
        return db.inTransaction(false, () -> db.scalar("SELECT COUNT(*) FROM jobs WHERE queue = ? AND state = 'accepted' AND seq < ?",
                job.queue(), job.sequence()));
    }

    @Override
    public Optional<Job> claimNext(String queue, java.util.function.Predicate<Job> admit) {
        return db.inTransaction(false, () -> {
            Optional<Job> next = oldestAccepted(queue);
            return next.isEmpty() || !admit.test(next.get()) ? Optional.empty() : markRunning(next.get().id());
        });
    }

    @Override
    public void noteWaiting(JobId id, String message) {
        db.inTransaction(false, () -> db.update("UPDATE jobs SET message = ?, updated = ? WHERE id = ? AND state = 'accepted' AND message <> ?",
                message, clock.millis(), id.value(), message));
    }

    @Override
    public void recordPeakMemory(JobId id, long bytes) {
        db.inTransaction(false, () -> db.update("UPDATE jobs SET peak_memory = ? WHERE id = ?", bytes, id.value()));
    }

    private Optional<Job> oldestAccepted(String queue) throws SQLException {
        return db.query("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE queue = ? AND state = 'accepted' ORDER BY seq LIMIT 1", queue)
                .stream().findFirst();
    }

    private Optional<Job> markRunning(JobId id) throws SQLException {
        long now = clock.millis();
        db.update("UPDATE jobs SET state = 'running', attempts = attempts + 1, started = ?, updated = ?, progress = NULL,"
                + " message = '', worker_pid = NULL, worker_started = NULL, peak_memory = NULL WHERE id = ?", now, now, id.value());
        return load(id);
    }

    @Override
    public void recordWorker(JobId id, Job.WorkerProcess worker) {
        db.inTransaction(false, () -> db.update("UPDATE jobs SET worker_pid = ?, worker_started = ?, updated = ?"
                + " WHERE id = ? AND state = 'running'", worker.pid(), worker.started().toEpochMilli(), clock.millis(), id.value()));
    }

    @Override
    public void updateProgress(JobId id, int progress, String message) {
        db.inTransaction(false, () -> db.update("UPDATE jobs SET progress = ?, message = ?, updated = ? WHERE id = ? AND state = 'running'",
                Math.max(0, Math.min(100, progress)), message, clock.millis(), id.value()));
    }

    @Override
    public Job finish(JobId id, JobState expected, JobOutcome outcome) {
        return db.inTransaction(false, () -> {
            Job current = load(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
            if (current.state() != expected) {
                throw new IllegalTransitionException(id, current.state(), outcome.state());
            }
            JobTransitions.check(id, current.state(), outcome.state());
            long now = clock.millis();
            String reason = outcome instanceof JobOutcome.Failed f ? f.reason().wireName() : null;
            String progress = outcome instanceof JobOutcome.Succeeded ? ", progress = 100" : "";
            db.update("UPDATE jobs SET state = ?, reason = ?, message = ?, finished = ?, updated = ?" + progress + " WHERE id = ?",
                    outcome.state().wireName(), reason, outcome.message(), now, now, id.value());
            return load(id).orElseThrow();
        });
    }

    @Override
    public Job requeue(JobId id, String message) {
        return db.inTransaction(false, () -> {
            Job current = load(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
            JobTransitions.check(id, current.state(), JobState.ACCEPTED);
            db.update("UPDATE jobs SET state = 'accepted', message = ?, progress = NULL, started = NULL,"
                    + " worker_pid = NULL, worker_started = NULL, updated = ? WHERE id = ?", message, clock.millis(), id.value());
            return load(id).orElseThrow();
        });
    }

    @Override
    public List<QueuedJob> lineUp(String queue) {
        return db.inTransaction(false, () -> db.rows("SELECT seq, task, state, started FROM jobs"
                + " WHERE queue = ? AND state IN ('accepted', 'running') ORDER BY seq", rs -> {
                    long started = rs.getLong("started");
                    Optional<java.time.Instant> at = rs.wasNull() ? Optional.empty() : Optional.of(java.time.Instant.ofEpochMilli(started));
                    return new QueuedJob(rs.getLong("seq"), rs.getString("task"), JobState.fromWire(rs.getString("state")), at);
                }, queue));
    }

    @Override
    public List<java.time.Duration> recentDurations(String task, int limit) {
        return db.inTransaction(false, () -> db.rows("SELECT finished - started FROM jobs WHERE task = ? AND state = 'successful'"
                + " AND started IS NOT NULL AND finished IS NOT NULL ORDER BY seq DESC LIMIT ?",
                rs -> java.time.Duration.ofMillis(Math.max(0, rs.getLong(1))), task, limit));
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
