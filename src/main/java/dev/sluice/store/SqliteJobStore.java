package dev.sluice.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The embedded store: the jobs table of one SQLite file in WAL mode, through one {@link SqliteConnection}. It is the
 * file's only user, so it keeps each queue's waiting line in memory ({@link AcceptedJobs}) beside the table.
 */
public final class SqliteJobStore extends SqlJobStore {

    private final SqliteConnection db;
    private final boolean syncAcceptance;
    private final AcceptedJobs accepted = new AcceptedJobs();
    private final SqliteJobInsert inserts;
    private final ScheduleTicks ticks;

    private SqliteJobStore(SqliteConnection db, Clock clock, boolean syncAcceptance) throws SQLException {
        super(db, clock, new SqlCallbacks(db, true));
        this.db = db;
        this.inserts = new SqliteJobInsert(clock, accepted, callbacks);
        this.ticks = new ScheduleTicks(clock, inserts);
        this.syncAcceptance = syncAcceptance;
        readAccepted(db);
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
            return new SqliteJobStore(new SqliteConnection(SqliteDatabase.migrated(file).getConnection()), clock, syncAcceptance);
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
        return write(syncAcceptance, sql -> {
            if (accepted.count(job.queue()) >= maxWaiting) {
                return Optional.empty();
            }
            return Optional.of(inserts.insert(sql, job, Optional.empty()));
        });
    }

    @Override
    public Optional<ScheduleTick> recordTick(String schedule, Instant at, Optional<NewJob> job, boolean skipWhileActive) {
        return write(true, sql -> ticks.record(sql, schedule, at, job, skipWhileActive));
    }

    @Override
    public void setMaintenance(Optional<Maintenance> maintenance) {
        db.write(true, sql -> ServerRows.setMaintenance(sql, maintenance));
    }

    /** A write that may change which jobs wait; if it fails, they are read again from the table. */
    private <T> T write(boolean synced, Transactions.Work<T> work) {
        try {
            return db.write(synced, work);
        } catch (RuntimeException failed) {
            db.read(sql -> {
                readAccepted(sql);
                return null;
            });
            throw failed;
        }
    }

    private void readAccepted(Statements sql) throws SQLException {
        Map<String, List<QueuedJob>> byQueue = new HashMap<>();
        sql.rows("SELECT " + JobRows.QUEUED_COLUMNS + ", queue FROM jobs WHERE state = 'accepted' ORDER BY seq", rs -> byQueue
                .computeIfAbsent(rs.getString("queue"), q -> new ArrayList<>()).add(JobRows.queued(rs)));
        accepted.replaceAll(byQueue);
    }

    @Override
    public int count(String queue, JobState state) {
        if (state == JobState.ACCEPTED) {
            return accepted.count(queue);
        }
        return db.read(sql -> JobTable.count(sql, queue, state));
    }

    @Override
    public int positionInQueue(Job job) {
        return accepted.ahead(job.queue(), job.sequence(), clock.instant());
    }

    @Override
    public Optional<Job> claimNext(String queue, Predicate<QueuedJob> admit) {
        return write(false, sql -> claim(sql, queue, admit));
    }

    /**
     * The finish and the claim each keep their own savepoint: a claim that fails leaves the finish standing
     * (the slot claims again by itself), while a finish that is refused throws as {@link #finish} does.
     */
    @Override
    public Handover finishAndClaimNext(JobId id, JobOutcome outcome, RunFacts facts, String queue, Predicate<QueuedJob> admit) {
        JobTransitions.check(id, JobState.RUNNING, outcome.state());
        return write(false, sql -> {
            Job finished = end(sql, id, JobState.RUNNING, outcome, facts);
            Optional<Job> next = db.nested(claiming -> claim(claiming, queue, admit), failed -> {
                readAccepted(failed);
                return Optional.empty();
            });
            return new Handover(finished, next);
        });
    }

    private Optional<Job> claim(Statements sql, String queue, Predicate<QueuedJob> admit) throws SQLException {
        for (Optional<QueuedJob> next = accepted.first(queue, clock.instant()); next.isPresent();
                next = accepted.first(queue, clock.instant())) {
            if (!admit.test(next.get())) {
                return Optional.empty();
            }
            Optional<Job> claimed = JobTable.start(sql, next.get().sequence(), clock.millis(), RunFence.NONE);
            accepted.remove(queue, next.get().sequence());
            if (claimed.isPresent()) {
                return claimed;
            }
        }
        return Optional.empty();
    }

    @Override
    public void noteWaiting(JobId id, String message) {
        db.write(false, sql -> JobTable.noteWaiting(sql, id, message, clock.millis()));
    }

    @Override
    public void recordWorker(JobId id, Job.WorkerProcess worker) {
        db.write(false, sql -> JobTable.recordWorker(sql, id, worker, clock.millis(), RunFence.NONE));
    }

    @Override
    public void updateProgress(JobId id, int progress, String message) {
        db.write(false, sql -> JobTable.updateProgress(sql, id, progress, message, clock.millis(), RunFence.NONE));
    }

    @Override
    public Job finish(JobId id, JobState expected, JobOutcome outcome, RunFacts facts) {
        JobTransitions.check(id, expected, outcome.state());
        return write(false, sql -> end(sql, id, expected, outcome, facts));
    }

    private Job end(Statements sql, JobId id, JobState expected, JobOutcome outcome, RunFacts facts) throws SQLException {
        Job finished = JobTable.end(sql, id, expected, outcome, facts, clock.millis(), RunFence.NONE);
        if (expected == JobState.ACCEPTED) {
            accepted.remove(finished.queue(), finished.sequence());
        }
        return finished;
    }

    @Override
    public Job requeue(JobId id, RequeueCause cause, String message) {
        return write(false, sql -> {
            Job requeued = JobTable.requeue(sql, id, cause, message, clock.millis(), RunFence.NONE);
            accepted.add(requeued);
            return requeued;
        });
    }

    @Override
    public byte[] serverKey(String name, byte[] created) {
        return db.write(true, sql -> ServerRows.serverKey(sql, name, created));
    }

    @Override
    public void checkWritable() {
        db.write(false, sql -> ServerRows.probe(sql, clock.millis()));
    }

    /** SQLite's VACUUM INTO: one read of the database, so the copy is of one committed state, compacted as it goes. */
    @Override
    public void backupTo(Path file) {
        db.read(sql -> sql.update("VACUUM INTO ?", file.toAbsolutePath().toString()));
    }

    /** Gives the memory SQLite keeps for pages it read back to the C library, as a quiet server does. */
    public void releaseCache() {
        db.releaseCache();
    }

    @Override
    public void close() {
        db.close();
    }
}
