package dev.sluice.queue;

import dev.sluice.config.QueueConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.ClusterStore;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.Precedence;
import dev.sluice.store.ScheduleTick;
import dev.sluice.worker.JobOutputListener;
import dev.sluice.worker.NodePlace;
import dev.sluice.worker.Runs;
import dev.sluice.worker.TaskHealth;
import dev.sluice.worker.WorkerEvents;
import dev.sluice.worker.WorkerInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues of one node: admits submissions, starts jobs through one dispatcher per queue (whose slots run them
 * with a {@link JobRunner}), cancels queued or running jobs, and keeps a reconciler that settles what a failure
 * left behind.
 */
public final class JobQueues {

    private static final Logger log = LoggerFactory.getLogger(JobQueues.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_STOP = Duration.ofSeconds(5);
    /** How often running jobs are compared with the runs in hand, unless the server is told otherwise. */
    public static final Duration RECONCILE_EVERY = Duration.ofSeconds(15);
    // why: a node that lost its lease registers afresh once its old runs are over and their processes stopped (a kill
    // grace is 5 s); none of their ends is recorded, whenever they come (ActiveRuns.abandoned)
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(30);

    private final SluiceConfig config;
    private final JobStore store;
    private final Path dataDir;
    private final Runs runs;
    private final TaskHealth health;
    private final Map<String, QueueDispatcher> dispatchers = new LinkedHashMap<>();
    private final ActiveRuns active = new ActiveRuns();
    private final RunReconciler reconciler;
    private final QueueExpiry expiry;
    private final InterruptedRuns interrupted;
    private final MaintenanceMode maintenance;
    private volatile boolean accepting = true;
    private volatile boolean stopping;
    private final MemoryAdmissions admissions;
    private final Optional<ClusterStore> cluster;
    private final Optional<ClusterDuties> duties;
    private final NodePlace place;
    private final JobCancels cancels;
    private final QueueWakeUps wakeUps;

    /**
     * {@code output} hears every line that every job prints (the live logs of event streams); {@code reconcileEvery}
     * is how often running jobs are compared with the runs in hand.
     */
    public JobQueues(SluiceConfig config, JobStore store, Path dataDir, TaskHealth health, JobOutputListener output,
                     Duration reconcileEvery) {
        this(config, store, dataDir, health, output, reconcileEvery, WorkerEvents.NONE);
    }

    /** As above; {@code workerEvents} hears each warm worker that starts or is recycled. */
    public JobQueues(SluiceConfig config, JobStore store, Path dataDir, TaskHealth health, JobOutputListener output,
                     Duration reconcileEvery, WorkerEvents workerEvents) {
        this(config, store, dataDir, NodePlace.alone(dataDir), health, output, reconcileEvery, workerEvents);
    }

    /**
     * As above, for a node whose workers {@code place} sets apart; a store that several nodes share ({@link
     * JobStore#cluster}) also makes this node renew its lease, stop jobs cancelled on other nodes, and take its turn as
     * the leader that rescues dead nodes' jobs.
     */
    public JobQueues(SluiceConfig config, JobStore store, Path dataDir, NodePlace place, TaskHealth health,
                     JobOutputListener output, Duration reconcileEvery, WorkerEvents workerEvents) {
        this.config = config;
        this.store = store;
        this.dataDir = dataDir;
        this.cluster = store.cluster();
        this.place = place;
        this.runs = new Runs(config, store, dataDir, place, output, workerEvents);
        this.health = health;
        this.maintenance = new MaintenanceMode(store, java.time.Clock.systemUTC());
        MemoryAdmissions admissions = new MemoryAdmissions(config, store);
        this.admissions = admissions;
        this.interrupted = new InterruptedRuns(config, store);
        UnrecordedEnds unrecordedEnds = new UnrecordedEnds();
        JobRunner runner = new JobRunner(config, store, health, admissions, active, interrupted, runs, unrecordedEnds,
                new JobRunner.Queues() {
                    @Override
                    public boolean stopping() {
                        return stopping;
                    }

                    @Override
                    public boolean claiming(String queue) {
                        QueueDispatcher dispatcher = dispatchers.get(queue);
                        return dispatcher != null && dispatcher.claiming();
                    }

                    @Override
                    public void memoryFreed() {
                        dispatchers.values().forEach(QueueDispatcher::wakeAll);
                    }
                });
        config.queues().forEach((name, queue) -> dispatchers.put(name, new QueueDispatcher(name, queue.slotsPerNode(),
                q -> {
                    MemoryAdmissions.Admission admission = admissions.next();
                    return admission.settle(store.claimNext(q, admission));
                }, runner::run)));
        this.wakeUps = new QueueWakeUps(java.util.Map.copyOf(dispatchers));
        this.reconciler = new RunReconciler(store, List.copyOf(dispatchers.keySet()), active, unrecordedEnds, reconcileEvery);
        this.expiry = new QueueExpiry(config, store, java.time.Clock.systemUTC());
        this.cancels = new JobCancels(store, active, cluster);
        this.duties = cluster.map(c -> new ClusterDuties(c, new DeadNodeRescue(c, interrupted, dataDir,
                        queue -> wakeUps.arrived(queue, 1)),
                config.node().lease(), new ClusterDuties.Node() {
                    @Override
                    public void cancel(JobId id) {
                        active.cancelAndAwait(id);
                    }

                    @Override
                    public void abandonRuns() {
                        active.abandonAll().forEach(run -> Thread.ofVirtual().start(run::cancel));
                        if (!active.awaitAll(ABANDON_WAIT)) {
                            log.warn("event=abandon-incomplete jobs={}", active.ids());
                        }
                        unrecordedEnds.forgetAll();
                    }
                }));
    }

    public void start() {
        new JobRecovery(store, interrupted, dataDir, uploadMarker()).recover();
        runs.clearLeftovers();
        runs.prestartWarmWorkers(task -> health.broken(task).isEmpty());
        duties.ifPresent(ClusterDuties::start);
        dispatchers.values().forEach(QueueDispatcher::start);
        reconciler.start();
        expiry.start();
    }

    /**
     * Whether this node runs the work done once for all nodes (the schedule ticker, retention): always for a node
     * alone, and for the leader among nodes that share a database.
     */
    public boolean leading() {
        return duties.map(ClusterDuties::leading).orElse(true);
    }

    /** What this node writes into the folders of its submissions when it shares data-dir with other nodes. */
    public Optional<String> uploadMarker() {
        return cluster.map(c -> place.marker());
    }

    /** Stops at once: {@link #stop(Duration, Duration)} with no time for running jobs to end by themselves. */
    public void stop(Duration wait) {
        stop(Duration.ZERO, wait);
    }

    /**
     * Stops taking submissions and starting jobs, gives the running jobs up to {@code drain} to end by
     * themselves, then stops those still running and settles them as interrupted (re-queued for the next start).
     */
    public void stop(Duration drain, Duration wait) {
        long drainEnd = System.nanoTime() + drain.toNanos();
        accepting = false;
        reconciler.stop();
        expiry.stop();
        dispatchers.values().forEach(QueueDispatcher::stopClaiming);
        if (active.size() > 0) {
            log.info("event=draining running={} drain-timeout={}", active.size(), drain);
        }
        // why: the slots, not the runs in hand now: a slot whose claim was committing as claims stopped (or whose
        // job's end claimed the next one in the same commit) starts that job a moment later, and it gets the drain too
        dispatchers.values().forEach(d -> d.awaitSlots(Duration.ofNanos(Math.max(0, drainEnd - System.nanoTime()))));
        stopping = true;
        active.all().forEach(run -> Thread.ofVirtual().start(run::cancel));
        active.awaitAll(wait);
        active.ids().forEach(id -> log.warn("event=stop-incomplete job={}", id));
        dispatchers.values().forEach(d -> d.awaitSlots(wait));
        runs.stop();
        duties.ifPresent(ClusterDuties::stop);
        cluster.ifPresent(JobQueues::leave);
    }

    // why: a node that leaves hands what it still holds to the next rescue at once, instead of after its lease
    private static void leave(ClusterStore cluster) {
        try {
            cluster.leave();
        } catch (RuntimeException e) {
            log.warn("event=leave-failed reason=\"{}\" (the node's lease runs out by itself)", e.getMessage());
        }
    }

    /** False once the server has begun to stop: submissions are then refused with a retry hint. */
    public boolean accepting() {
        return accepting;
    }

    /** Refuses a submission while the server stops or is in maintenance mode, before the caller reads its body or uploads. */
    public void ensureAccepting() {
        if (!accepting) {
            throw new StoppingException(RETRY_AFTER_STOP);
        }
        maintenance.ensureOpen();
    }

    /** Maintenance mode, which refuses new jobs while it is on (see {@link #ensureAccepting}). */
    public MaintenanceMode maintenance() {
        return maintenance;
    }

    /** Admits a job to its queue: refused when the queue is full, committed when this returns. */
    public Job submit(NewJob job) {
        ensureAccepting();
        QueueConfig queue = config.queue(job.queue());
        QueueDispatcher dispatcher = dispatchers.get(job.queue());
        Job accepted = store.insertIfRoom(ordered(job), queue.maxWaiting())
                .orElseThrow(() -> new QueueFullException(job.queue(), queue.maxWaiting(), RETRY_AFTER));
        log.debug("event=accepted job={} task={} queue={}", job.id(), job.task(), job.queue());
        dispatcher.wake();
        return accepted;
    }

    /** Records a schedule's tick and its job ({@link JobStore#recordTick}), waking the job's queue when one was added. */
    public Optional<ScheduleTick> recordTick(String schedule, Instant at, Optional<NewJob> job, boolean skipWhileActive) {
        Optional<ScheduleTick> tick = store.recordTick(schedule, at, job.map(this::ordered), skipWhileActive);
        if (tick.flatMap(ScheduleTick::job).isPresent()) {
            dispatchers.get(job.orElseThrow().queue()).wake();
        }
        return tick;
    }

    /** What wakes this node's queues when a job is queued on another node ({@link dev.sluice.store.ClusterSignals}). */
    public dev.sluice.store.ClusterSignals.QueueWork wakeUps() {
        return wakeUps;
    }

    /** The job with its task's priority and its queue's `promote-after`, which order it among the waiting jobs. */
    private NewJob ordered(NewJob job) {
        int priority = config.task(job.task()).map(TaskConfig::priority).orElse(0);
        return job.ordered(new Precedence(priority, config.queue(job.queue()).promoteAfter()));
    }

    /**
     * Cancels a queued job (dismissed at once) or a running one (its process tree is stopped first, by whichever node
     * runs it). Returns the job as it then is; a finished job is returned unchanged.
     */
    public Optional<Job> cancel(JobId id) {
        return cancels.cancel(id);
    }

    /** How much of the node's memory budget the running jobs' limits hold. */
    public MemoryUse memoryUse() {
        return admissions.use();
    }

    /** The worker processes of this node: one per running job, and the idle warm workers. */
    public List<WorkerInfo> workers() {
        List<WorkerInfo> all = new ArrayList<>(active.workers());
        all.addAll(runs.idleWorkers());
        return all;
    }
}
