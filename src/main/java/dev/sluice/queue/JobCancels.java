package dev.sluice.queue;

import dev.sluice.store.ClusterStore;
import dev.sluice.store.IllegalTransitionException;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import java.time.Duration;
import java.util.Optional;

/**
 * Cancels a job wherever it is: a waiting one is dismissed at once, a running one of this node has its run stopped
 * (its process tree first), and one that another node runs is asked of that node through the store.
 */
final class JobCancels {

    private static final Duration REMOTE_CANCEL_WAIT = Duration.ofSeconds(10);

    private final JobStore store;
    private final ActiveRuns active;
    private final Optional<ClusterStore> cluster;

    JobCancels(JobStore store, ActiveRuns active, Optional<ClusterStore> cluster) {
        this.store = store;
        this.active = active;
        this.cluster = cluster;
    }

    /** Returns the job as it then is; a finished job is returned unchanged. */
    Optional<Job> cancel(JobId id) {
        for (int attempt = 0; attempt < 200; attempt++) {
            Optional<Job> found = store.find(id);
            if (found.isEmpty() || found.get().state().isFinal()) {
                return found;
            }
            Job job = found.get();
            if (job.state() == JobState.ACCEPTED) {
                try {
                    return Optional.of(store.finish(id, JobState.ACCEPTED, new JobOutcome.Dismissed("cancelled before it started")));
                } catch (IllegalTransitionException claimedMeanwhile) {
                    continue;
                }
            }
            Optional<Job> cancelled = active.cancelAndAwait(id);
            if (cancelled.isPresent()) {
                return cancelled;
            }
            if (cluster.isPresent() && cluster.get().requestCancel(id)) {
                return awaitEnd(id);
            }
            // why: claimed by the dispatcher a moment ago, its run is about to be registered
            JobRunner.pause(Duration.ofMillis(10));
        }
        return store.find(id);
    }

    // why: another node runs the job; it looks for cancel requests every second, then records the end as usual
    private Optional<Job> awaitEnd(JobId id) {
        long deadline = System.nanoTime() + REMOTE_CANCEL_WAIT.toNanos();
        Optional<Job> job = store.find(id);
        while (job.isPresent() && !job.get().state().isFinal() && System.nanoTime() < deadline) {
            JobRunner.pause(Duration.ofMillis(50));
            job = store.find(id);
        }
        return job;
    }
}
