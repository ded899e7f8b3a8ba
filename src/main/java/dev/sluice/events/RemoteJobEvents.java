package dev.sluice.events;

import dev.sluice.store.ClusterSignals;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobStore;
import dev.sluice.store.RemoteChange;
import dev.sluice.supervision.LoopFailures;
import java.util.Optional;

/**
 * Feeds the event hub what other nodes did to jobs, so a stream on this node follows a job wherever it runs. Only the
 * hub: callbacks, metrics and estimates hear of a change on the node that committed it, or they would count or
 * deliver it twice.
 */
public final class RemoteJobEvents implements ClusterSignals.RemoteChanges {

    private final LoopFailures failures = new LoopFailures("remote-job-events");
    private final JobStore store;
    private final JobEventHub hub;

    public RemoteJobEvents(JobStore store, JobEventHub hub) {
        this.store = store;
        this.hub = hub;
    }

    @Override
    public void changed(RemoteChange change) {
        switch (change) {
            case RemoteChange.StateChanged state -> {
                // why: only a change some stream would show is worth reading the job for; a job that has moved on since
                // shows as it is now (the hub passes over the same job told twice, and anything after its end)
                if (hub.follows(state.job(), state.queue())) {
                    read(state.job()).ifPresent(hub::stateChanged);
                }
            }
            case RemoteChange.Progressed progress -> hub.progressChanged(progress.job(), progress.percent(), progress.message());
            case RemoteChange.WaitingNoted waiting -> hub.waitingNoted(waiting.job(), waiting.message());
        }
    }

    /** Notifications were lost: every watched job is read again, so no stream misses an end. */
    @Override
    public void mayHaveMissed() {
        for (JobId watched : hub.watched()) {
            read(watched).ifPresent(hub::stateChanged);
        }
    }

    private Optional<Job> read(JobId id) {
        try {
            Optional<Job> job = store.find(id);
            failures.succeeded();
            return job;
        } catch (RuntimeException unreadable) {
            failures.failed("read-failed", "job=" + id, unreadable);
            return Optional.empty();
        }
    }
}
