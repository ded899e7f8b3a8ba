package dev.sluice.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The store several nodes share: the jobs table of one PostgreSQL database. Nothing about the jobs is kept in memory:
 * each queue's order, positions and claims are computed in SQL ({@link PostgresWaitingLine}), so every node sees what
 * the others did the moment they committed it.
 */
public final class PostgresJobStore extends SqlJobStore {

    /** The first key of every queue's claim lock, beside the queues' insert locks ({@code 0x511CE}). */
    private static final int QUEUE_CLAIM_LOCKS = 0x51_1CD;

    private final PostgresDatabase db;
    private final Optional<PostgresNodes> nodes;
    private final Optional<PostgresNodeLock> lock;
    private final RunFence fence;
    private final Map<String, Integer> clusterLimits;
    private final PostgresJobInsert inserts;
    private final ScheduleTicks ticks;
    private final PostgresNotices notices;
    private final PostgresSignals signals;

    private PostgresJobStore(PostgresDatabase db, PostgresSettings settings, Clock clock, Optional<PostgresNodes> nodes,
                             Optional<PostgresNodeLock> lock, Map<String, Integer> clusterLimits) {
        super(db, clock, new SqlCallbacks(db, false, nodes.map(n -> n::self)));
        this.db = db;
        this.nodes = nodes;
        this.lock = lock;
        this.fence = nodes.map(PostgresNodes::fence).orElse(RunFence.NONE);
        this.clusterLimits = Map.copyOf(clusterLimits);
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
        return new PostgresJobStore(PostgresDatabase.open(settings), settings, clock, Optional.empty(), Optional.empty(), Map.of());
    }

    /**
     * Like {@link #open}, for a server: registers the node (see {@link ClusterStore}), whose registration every claim
     * and every change of a running job is fenced by, and holds the node lock shared (no export or import runs
     * meanwhile). {@code clusterLimits} caps, by queue, the jobs running at once on all nodes together; a queue not
     * named is capped by each node's slots only.
     */
    public static PostgresJobStore openAsNode(PostgresSettings settings, Clock clock, NodeRegistration node,
                                              Map<String, Integer> clusterLimits) {
        PostgresNodeLock lock = PostgresNodeLock.forNode(settings);
        PostgresDatabase db = null;
        try {
            db = PostgresDatabase.open(settings);
            return new PostgresJobStore(db, settings, clock, Optional.of(PostgresNodes.join(db, node)), Optional.of(lock),
                    clusterLimits);
        } catch (RuntimeException failed) {
            if (db != null) {
                db.close();
            }
            lock.close();
            throw failed;
        }
    }

    @Override
    public Optional<ClusterStore> cluster() {
        return nodes.map(ClusterStore.class::cast);
    }

    @Override
    public List<JobId> runningHere(String queue) {
        if (nodes.isEmpty()) {
            return super.runningHere(queue);
        }
        return db.read(sql -> sql.rows("SELECT id FROM jobs WHERE queue = ? AND state = 'running' AND node = ? ORDER BY seq",
                rs -> new JobId(rs.getString(1)), queue, nodes.get().self()));
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

    /**
     * The next job is locked as it is chosen, so {@code admit} judges a job no other node can take meanwhile.
     *
     * <p>why: a queue capped across the cluster takes its claim lock (held to commit) before it counts the running
     * jobs, so two nodes claiming at once cannot both see the last free place; claims of other queues never wait.
     */
    @Override
    public Optional<Job> claimNext(String queue, Predicate<QueuedJob> admit) {
        Optional<Job> claimed = db.write(sql -> claim(sql, queue, admit));
        claimed.ifPresent(notices::stateChanged);
        return claimed;
    }

    private Optional<Job> claim(Statements sql, String queue, Predicate<QueuedJob> admit) throws SQLException {
        Integer cap = clusterLimits.get(queue);
        if (cap != null) {
            sql.rows("SELECT pg_advisory_xact_lock(?, ?)", rs -> Boolean.TRUE, QUEUE_CLAIM_LOCKS, queue.hashCode());
            if (JobTable.count(sql, queue, JobState.RUNNING) >= cap) {
                return Optional.empty();
            }
        }
        Optional<QueuedJob> next = PostgresWaitingLine.lockFirst(sql, queue, clock.instant());
        if (next.isEmpty() || !admit.test(next.get())) {
            return Optional.empty();
        }
        return JobTable.start(sql, next.get().sequence(), clock.millis(), fence);
    }

    /**
     * why: one commit for both, as on SQLite: the claim runs in a savepoint, so a claim that fails (or an {@code admit}
     * that throws) is undone without undoing the finish, and the slot claims again by itself. A refused finish throws
     * as {@link #finish} does.
     */
    @Override
    public Handover finishAndClaimNext(JobId id, JobOutcome outcome, RunFacts facts, String queue, Predicate<QueuedJob> admit) {
        JobTransitions.check(id, JobState.RUNNING, outcome.state());
        Handover handover = db.writePostgres(sql -> {
            Job finished = JobTable.end(sql, id, JobState.RUNNING, outcome, facts, clock.millis(), fence);
            return new Handover(finished, sql.undoable(s -> claim(s, queue, admit).orElse(null)));
        });
        notices.stateChanged(handover.finished());
        handover.next().ifPresent(notices::stateChanged);
        return handover;
    }

    @Override
    public void noteWaiting(JobId id, String message) {
        if (db.write(sql -> JobTable.noteWaiting(sql, id, message, clock.millis())) > 0) {
            notices.waitingNoted(id, message);
        }
    }

    @Override
    public void recordWorker(JobId id, Job.WorkerProcess worker) {
        db.write(sql -> JobTable.recordWorker(sql, id, worker, clock.millis(), fence));
    }

    @Override
    public void updateProgress(JobId id, int progress, String message) {
        if (db.write(sql -> JobTable.updateProgress(sql, id, progress, message, clock.millis(), fence)) > 0) {
            notices.progressed(id, Math.max(0, Math.min(100, progress)), message);
        }
    }

    @Override
    public Job finish(JobId id, JobState expected, JobOutcome outcome, RunFacts facts) {
        JobTransitions.check(id, expected, outcome.state());
        Job ended = db.write(sql -> JobTable.end(sql, id, expected, outcome, facts, clock.millis(), fence));
        notices.stateChanged(ended);
        return ended;
    }

    @Override
    public Job requeue(JobId id, RequeueCause cause, String message) {
        Job queued = db.write(sql -> JobTable.requeue(sql, id, cause, message, clock.millis(), fence));
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
        lock.ifPresent(PostgresNodeLock::close);
    }
}
