package dev.sluice.store;

import java.util.List;
import java.util.Optional;

/**
 * The durable record of every job. Each method is one transaction: when it returns, the change is committed.
 * {@code JobStoreContract} pins the behaviour every implementation must have.
 */
public interface JobStore extends AutoCloseable {

    /** Records a new job in state accepted. */
    default Job insert(NewJob job) {
        return insertIfRoom(job, Integer.MAX_VALUE).orElseThrow();
    }

    /**
     * Records a new job in state accepted unless its queue already holds {@code maxWaiting} accepted jobs,
     * checked in the same transaction; empty when there was no room.
     */
    Optional<Job> insertIfRoom(NewJob job, int maxWaiting);

    Optional<Job> find(JobId id);

    /** The most recent jobs first, at most {@code limit}. */
    List<Job> recent(int limit);

    /** The jobs that meet the query, newest first, at most its limit; filtered by the store, not after reading. */
    List<Job> list(JobQuery query);

    List<Job> inState(JobState state);

    /** Jobs of these tasks that finished at or after {@code since}, the latest first, at most {@code limit}. */
    List<Job> finishedSince(java.util.Set<String> tasks, java.time.Instant since, int limit);

    /** How many jobs of the queue are in the state. */
    int count(String queue, JobState state);

    /** How many accepted jobs of the same queue start before this one (0 = next to start), by {@link WaitingLine}'s order. */
    int positionInQueue(Job job);

    /**
     * Moves the accepted job of the queue that starts next ({@link WaitingLine}'s order) to running and counts the
     * attempt, or returns empty.
     */
    default Optional<Job> claimNext(String queue) {
        return claimNext(queue, job -> true);
    }

    /**
     * Like {@link #claimNext(String)}, but only when {@code admit} accepts the job that starts next; {@code admit} runs
     * inside the transaction, so it must be quick and must not call the store.
     */
    Optional<Job> claimNext(String queue, java.util.function.Predicate<QueuedJob> admit);

    /**
     * The running jobs of the queue that this node runs, in submission order: all of them for a store of one node; on a
     * shared database, those its registration claimed.
     */
    default List<JobId> runningHere(String queue) {
        return lineUp(queue).stream().filter(job -> job.state() == JobState.RUNNING).map(QueuedJob::id).toList();
    }

    /** The nodes sharing this store's database, for a store that several nodes share; empty for a node's own store. */
    default Optional<ClusterStore> cluster() {
        return Optional.empty();
    }

    /** Sets the message of an accepted job, to say why it has not started; ignored once it has. */
    void noteWaiting(JobId id, String message);

    /** Records the process that runs a running job. */
    void recordWorker(JobId id, Job.WorkerProcess worker);

    /** Sets progress (0–100) and the stage message of a running job; ignored for a job no longer running. */
    void updateProgress(JobId id, int progress, String message);

    /**
     * Ends a job with the outcome, if it is still in the {@code expected} state and {@link JobTransitions} allows
     * the move; otherwise throws {@link IllegalTransitionException} and changes nothing.
     */
    default Job finish(JobId id, JobState expected, JobOutcome outcome) {
        return finish(id, expected, outcome, RunFacts.NONE);
    }

    /**
     * Like {@link #finish(JobId, JobState, JobOutcome)}, recording in the same transaction what the run learnt. A
     * failure with reason {@code interrupted} also counts the interruption that ended the job.
     */
    Job finish(JobId id, JobState expected, JobOutcome outcome, RunFacts facts);

    /**
     * What a queue slot does between two jobs: finishes its running job as {@link #finish} does, then claims the
     * next job of the queue as {@link #claimNext(String, java.util.function.Predicate)} does. A store may share one
     * commit between the two; the finish stands even when the claim fails, and then no job is claimed.
     */
    Handover finishAndClaimNext(JobId id, JobOutcome outcome, RunFacts facts, String queue,
                                java.util.function.Predicate<QueuedJob> admit);

    /** Puts a running job back in its queue for a retry, keeping its {@link Standing}. */
    default Job requeue(JobId id, String message) {
        return requeue(id, RequeueCause.RETRY, message);
    }

    /**
     * Puts a running job back in its queue, keeping its {@link Standing}, and counts the run it cut short
     * as the cause says.
     */
    Job requeue(JobId id, RequeueCause cause, String message);

    /** The accepted and running jobs of the queue, in submission order: what queue estimates are made from. */
    List<QueuedJob> lineUp(String queue);

    /** How long the last {@code limit} successful runs of the task took, newest first. */
    List<java.time.Duration> recentDurations(String task, int limit);

    /** Maintenance mode as last set, if it is set (it may have ended by its own `until`). */
    Optional<Maintenance> maintenance();

    /** Sets maintenance mode, or clears it with empty. */
    void setMaintenance(Optional<Maintenance> maintenance);

    /** Jobs of {@code queue} accepted before {@code before} that have never started, oldest first (for `max-wait`). */
    List<JobId> waitingSince(String queue, java.time.Instant before, int limit);

    /** What retention needs of the store: old finished jobs found, measured, removed and remembered. */
    RetentionStore retention();

    /** What callbacks need of the store: each job's subscriber, and the deliveries still to be made. */
    CallbackStore callbacks();

    /**
     * Records a schedule's tick once: with {@code job}, the job is inserted in the same transaction (unless
     * {@code skipWhileActive} and a job of the schedule is still accepted or running: then the tick is recorded as
     * an overlap); without, the tick is recorded as missed. Empty when the tick was recorded before (by an earlier
     * run of the server, or another node).
     */
    Optional<ScheduleTick> recordTick(String schedule, java.time.Instant at, Optional<NewJob> job, boolean skipWhileActive);

    /** The latest recorded tick of every schedule that has one. */
    List<ScheduleTick> lastTicks();

    /**
     * The server's key of this name, stored with its data; {@code created} is stored and returned when there is none
     * yet. Every caller (and every node sharing the store) gets the same key: the first one stored wins.
     */
    byte[] serverKey(String name, byte[] created);

    /**
     * Writes a consistent copy of the whole database to {@code file}, which must not exist yet, while the store stays
     * in use (writes wait for the copy). A store that cannot do so throws {@link UnsupportedOperationException} saying
     * what to use instead.
     */
    void backupTo(java.nio.file.Path file);

    /**
     * Commits one tiny write, to tell whether the store can record anything now (readiness); throws
     * {@link StoreException} when it cannot. Changes nothing any job or key depends on.
     */
    void checkWritable();

    /**
     * What the nodes sharing this store tell each other (new work in a queue, another node's changes to jobs); nothing
     * for a store that one node alone uses.
     */
    default ClusterSignals signals() {
        return ClusterSignals.NONE;
    }

    @Override
    void close();
}
