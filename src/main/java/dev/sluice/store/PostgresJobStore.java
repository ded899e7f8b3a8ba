package dev.sluice.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The store several nodes share: the jobs table of one PostgreSQL database. Nothing about the jobs is kept in memory:
 * each queue's order, positions and claims are computed in SQL ({@link PostgresWaitingLine}), so every node sees what
 * the others did the moment they committed it.
 */
public final class PostgresJobStore extends SqlJobStore {

    private final PostgresDatabase db;
    private final Optional<PostgresSoleNode> node;
    private final PostgresJobInsert inserts;
    private final ScheduleTicks ticks;
    private final PostgresNotices notices;
    private final PostgresSignals signals;

    private PostgresJobStore(PostgresDatabase db, PostgresSettings settings, Clock clock, Optional<PostgresSoleNode> node) {
        super(db, clock, new SqlCallbacks(db, false));
        this.db = db;
        this.node = node;
        this.notices = new PostgresNotices(db, PostgresSignals.newOrigin());
        this.signals = new PostgresSignals(settings, notices.origin());
        this.inserts = new PostgresJobInsert(clock, callbacks);
        this.ticks = new ScheduleTicks(clock, inserts);
    }

    /**
     * Connects to the database and brings its schema up to date; a database that cannot be reached fails within a few
     * seconds with a {@link StoreException} saying where (never with the password).
     */
    public static PostgresJobStore open(PostgresSettings settings, Clock clock) {
        return new PostgresJobStore(PostgresDatabase.open(settings), settings, clock, Optional.empty());
    }

    /**
     * Like {@link #open}, for a server: also holds the database's node lock until {@link #close}, so a second server
     * on the same database refuses to start ({@link IllegalStateException}) instead of re-queueing this one's jobs.
     */
    public static PostgresJobStore openAsOnlyNode(PostgresSettings settings, Clock clock) {
        PostgresSoleNode node = PostgresSoleNode.claim(settings);
        try {
            return new PostgresJobStore(PostgresDatabase.open(settings), settings, clock, Optional.of(node));
        } catch (RuntimeException failed) {
            node.close();
            throw failed;
        }
    }

    @Override
    public Optional<Job> insertIfRoom(NewJob job, int maxWaiting) {
        Optional<Job> inserted = db.write(sql -> inserts.insertIfRoom(sql, job, Optional.empty(), maxWaiting));
        inserted.ifPresent(accepted -> notices.jobQueued(accepted.id(), accepted.queue()));
        return inserted;
    }

    @Override
    public int count(String queue, JobState state) {
        return db.read(sql -> JobTable.count(sql, queue, state));
    }

    @Override
    public int positionInQueue(Job job) {
        return db.read(sql -> PostgresWaitingLine.ahead(sql, job.sequence(), clock.instant()));
    }

    /** The next job is locked as it is chosen, so {@code admit} judges a job no other node can take meanwhile. */
    @Override
    public Optional<Job> claimNext(String queue, Predicate<QueuedJob> admit) {
        Optional<Job> claimed = db.write(sql -> {
            Optional<QueuedJob> next = PostgresWaitingLine.lockFirst(sql, queue, clock.instant());
            if (next.isEmpty() || !admit.test(next.get())) {
                return Optional.empty();
            }
            return JobTable.start(sql, next.get().sequence(), clock.millis());
        });
        claimed.ifPresent(notices::stateChanged);
        return claimed;
    }

    /**
     * why: two transactions, the finish and then the claim: a claim that fails (or an {@code admit} that throws) cannot
     * undo the finish, and the slot claims again by itself. A refused finish throws as {@link #finish} does.
     */
    @Override
    public Handover finishAndClaimNext(JobId id, JobOutcome outcome, RunFacts facts, String queue, Predicate<QueuedJob> admit) {
        Job finished = finish(id, JobState.RUNNING, outcome, facts);
        Optional<Job> next;
        try {
            next = claimNext(queue, admit);
        } catch (RuntimeException claimFailed) {
            next = Optional.empty();
        }
        return new Handover(finished, next);
    }

    @Override
    public void noteWaiting(JobId id, String message) {
        if (db.write(sql -> JobTable.noteWaiting(sql, id, message, clock.millis())) > 0) {
            notices.waitingNoted(id, message);
        }
    }

    @Override
    public void recordWorker(JobId id, Job.WorkerProcess worker) {
        db.write(sql -> JobTable.recordWorker(sql, id, worker, clock.millis()));
    }

    @Override
    public void updateProgress(JobId id, int progress, String message) {
        if (db.write(sql -> JobTable.updateProgress(sql, id, progress, message, clock.millis())) > 0) {
            notices.progressed(id, Math.max(0, Math.min(100, progress)), message);
        }
    }

    @Override
    public Job finish(JobId id, JobState expected, JobOutcome outcome, RunFacts facts) {
        JobTransitions.check(id, expected, outcome.state());
        Job ended = db.write(sql -> JobTable.end(sql, id, expected, outcome, facts, clock.millis()));
        notices.stateChanged(ended);
        return ended;
    }

    @Override
    public Job requeue(JobId id, RequeueCause cause, String message) {
        Job queued = db.write(sql -> JobTable.requeue(sql, id, cause, message, clock.millis()));
        notices.jobQueued(queued.id(), queued.queue());
        return queued;
    }

    @Override
    public void setMaintenance(Optional<Maintenance> maintenance) {
        db.write(sql -> ServerRows.setMaintenance(sql, maintenance));
    }

    @Override
    public Optional<ScheduleTick> recordTick(String schedule, Instant at, Optional<NewJob> job, boolean skipWhileActive) {
        Optional<ScheduleTick> tick = db.write(sql -> ticks.record(sql, schedule, at, job, skipWhileActive));
        tick.flatMap(ScheduleTick::job).ifPresent(id -> notices.jobQueued(id, job.orElseThrow().queue()));
        return tick;
    }

    @Override
    public byte[] serverKey(String name, byte[] created) {
        return db.write(sql -> ServerRows.serverKey(sql, name, created));
    }

    @Override
    public void checkWritable() {
        db.write(sql -> ServerRows.probe(sql, clock.millis()));
    }

    @Override
    public void backupTo(Path file) {
        throw new UnsupportedOperationException("the PostgreSQL store is backed up with PostgreSQL's own tools:"
                + " pg_dump (or pg_basebackup) of the database, not sluice backup");
    }

    /** What the nodes on this database tell each other; it listens once {@link ClusterSignals#start started}. */
    @Override
    public ClusterSignals signals() {
        return signals;
    }

    @Override
    public void close() {
        signals.close();
        notices.close();
        db.close();
        node.ifPresent(PostgresSoleNode::close);
    }
}
