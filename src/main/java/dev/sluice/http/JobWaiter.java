package dev.sluice.http;

import dev.sluice.events.EventSubscription;
import dev.sluice.events.JobEvent;
import dev.sluice.events.JobEventHub;
import dev.sluice.store.Job;
import dev.sluice.store.JobStore;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Holds a status request until the job ends, for clients that send `Prefer: wait=N` (RFC 7240): one long poll
 * instead of many short ones. It listens to the event hub, so a waiting request reads the database twice at most.
 */
final class JobWaiter {

    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private final JobStore store;
    private final JobEventHub hub;

    JobWaiter(JobStore store, JobEventHub hub) {
        this.store = store;
        this.hub = hub;
    }

    /** The seconds of a `wait=N` preference, at most {@link #LONGEST_WAIT}; empty without one. */
    static Optional<Duration> preferredWait(String prefer) {
        if (prefer == null) {
            return Optional.empty();
        }
        for (String part : prefer.split("[,;]")) {
            String[] nameValue = part.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("wait")) {
                try {
                    long seconds = Long.parseLong(nameValue[1].trim().replace("\"", ""));
                    return seconds > 0 ? Optional.of(Duration.ofSeconds(Math.min(seconds, LONGEST_WAIT.toSeconds()))) : Optional.empty();
                } catch (NumberFormatException notSeconds) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The job once it has ended, or as it is when {@code wait} has passed. */
    Job awaitEnd(Job job, Duration wait) {
        if (job.state().isFinal()) {
            return job;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try (EventSubscription subscription = hub.subscribe(job.id(), OptionalLong.empty())) {
            subscription.takeSnapshot();
            // why: read again once subscribed, so an end that came between the first read and now is not missed
            Job now = store.find(job.id()).orElse(job);
            while (!now.state().isFinal()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                EventSubscription.Batch batch = subscription.next(Duration.ofNanos(left));
                if (batch.resync()) {
                    subscription.takeSnapshot();
                    now = store.find(job.id()).orElse(now);
                }
                for (JobEvent.Numbered numbered : batch.events()) {
                    if (numbered.event() instanceof JobEvent.StateChanged changed) {
                        now = changed.job();
                    }
                }
            }
            return now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return job;
        }
    }
}
