package dev.sluice.events;

import dev.sluice.store.Handover;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobQuery;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.QueuedJob;
import dev.sluice.store.RequeueCause;
import dev.sluice.store.RunFacts;
import dev.sluice.supervision.LoopFailures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A job store that tells its observers about each change once it is committed. Every transition passes
 * through the store, so watching it here reports all of them without a call in each place that makes one.
 */
public final class ObservedJobStore implements JobStore {

    private final LoopFailures failures = new LoopFailures("job-observers");
    private final JobStore store;
    private final List<JobObserver> observers;

    public ObservedJobStore(JobStore store, List<JobObserver> observers) {
        this.store = store;
        this.observers = List.copyOf(observers);
    }

    @Override
    public Optional<Job> insertIfRoom(NewJob job, int maxWaiting) {
        Optional<Job> accepted = store.insertIfRoom(job, maxWaiting);
        accepted.ifPresent(this::changed);
        return accepted;
    }

    @Override
    public Optional<Job> find(JobId id) {
        return store.find(id);
    }

    @Override
    public Optional<dev.sluice.store.ClusterStore> cluster() {
        return store.cluster();
    }

    @Override
    public List<JobId> runningHere(String queue) {
        return store.runningHere(queue);
    }

    @Override
    public List<Job> recent(int limit) {
        return store.recent(limit);
    }

    @Override
    public List<Job> list(JobQuery query) {
        return store.list(query);
    }

    @Override
    public List<Job> inState(JobState state) {
        return store.inState(state);
    }

    @Override
    public List<Job> finishedSince(java.util.Set<String> tasks, java.time.Instant since, int limit) {
        return store.finishedSince(tasks, since, limit);
    }

    @Override
    public int count(String queue, JobState state) {
        return store.count(queue, state);
    }

    @Override
    public Optional<dev.sluice.store.Maintenance> maintenance() {
        return store.maintenance();
    }

    @Override
    public void setMaintenance(Optional<dev.sluice.store.Maintenance> maintenance) {
        store.setMaintenance(maintenance);
    }

    @Override
    public int positionInQueue(Job job) {
        return store.positionInQueue(job);
    }

    @Override
    public Optional<Job> claimNext(String queue, Predicate<QueuedJob> admit) {
        Optional<Job> claimed = store.claimNext(queue, admit);
        claimed.ifPresent(this::changed);
        return claimed;
    }

    @Override
    public Handover finishAndClaimNext(JobId id, JobOutcome outcome, RunFacts facts, String queue, Predicate<QueuedJob> admit) {
        Handover handover = store.finishAndClaimNext(id, outcome, facts, queue, admit);
        changed(handover.finished());
        handover.next().ifPresent(this::changed);
        return handover;
    }

    @Override
    public void noteWaiting(JobId id, String message) {
        store.noteWaiting(id, message);
        tell(o -> o.waitingNoted(id, message));
    }

    @Override
    public void recordWorker(JobId id, Job.WorkerProcess worker) {
        store.recordWorker(id, worker);
    }

    @Override
    public void updateProgress(JobId id, int progress, String message) {
        store.updateProgress(id, progress, message);
        tell(o -> o.progressChanged(id, Math.max(0, Math.min(100, progress)), message));
    }

    @Override
    public Job finish(JobId id, JobState expected, JobOutcome outcome, RunFacts facts) {
        Job ended = store.finish(id, expected, outcome, facts);
        changed(ended);
        return ended;
    }

    @Override
    public Job requeue(JobId id, RequeueCause cause, String message) {
        Job queued = store.requeue(id, cause, message);
        changed(queued);
        return queued;
    }

    @Override
    public List<QueuedJob> lineUp(String queue) {
        return store.lineUp(queue);
    }

    @Override
    public List<Duration> recentDurations(String task, int limit) {
        return store.recentDurations(task, limit);
    }

    @Override
    public dev.sluice.store.RetentionStore retention() {
        return store.retention();
    }

    @Override
    public dev.sluice.store.CallbackStore callbacks() {
        return store.callbacks();
    }

    @Override
    public List<JobId> waitingSince(String queue, java.time.Instant before, int limit) {
        return store.waitingSince(queue, before, limit);
    }

    @Override
    public Optional<dev.sluice.store.ScheduleTick> recordTick(String schedule, java.time.Instant at, Optional<NewJob> job,
                                                             boolean skipWhileActive) {
        Optional<dev.sluice.store.ScheduleTick> recorded = store.recordTick(schedule, at, job, skipWhileActive);
        recorded.flatMap(dev.sluice.store.ScheduleTick::job).flatMap(store::find).ifPresent(this::changed);
        return recorded;
    }

    @Override
    public List<dev.sluice.store.ScheduleTick> lastTicks() {
        return store.lastTicks();
    }

    @Override
    public byte[] serverKey(String name, byte[] created) {
        return store.serverKey(name, created);
    }

    @Override
    public void backupTo(java.nio.file.Path file) {
        store.backupTo(file);
    }

    @Override
    public void checkWritable() {
        store.checkWritable();
    }

    @Override
    public dev.sluice.store.ClusterSignals signals() {
        return store.signals();
    }

    @Override
    public void close() {
        store.close();
    }

    private void changed(Job job) {
        tell(o -> o.stateChanged(job));
    }

    // why: the change is committed already; an observer's failure must not fail the transition that caused it
    private void tell(java.util.function.Consumer<JobObserver> call) {
        for (JobObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException | StackOverflowError e) {
                failures.failed("observer-failed", "observer=" + observer.getClass().getSimpleName(), e);
            }
        }
    }
}
