package dev.sluice.queue;

import dev.sluice.config.Durations;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.IllegalTransitionException;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.supervision.PeriodicLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dismisses, with reason `expired`, the jobs that waited longer than their queue's `max-wait` without starting.
 * A job put back in its queue for a retry or after an interruption had its start and does not expire.
 */
final class QueueExpiry {

    private static final Logger log = LoggerFactory.getLogger(QueueExpiry.class);
    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final int BATCH = 500;

    private final JobStore store;
    private final Clock clock;
    private final Map<String, Duration> maxWaits = new LinkedHashMap<>();
    private volatile PeriodicLoop loop;

    QueueExpiry(SluiceConfig config, JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        config.queues().forEach((name, queue) -> queue.maxWaitIfAny().ifPresent(wait -> maxWaits.put(name, wait)));
    }

    /** Dismisses every job that waited too long now; returns how many. */
    int expireDue() {
        int expired = 0;
        for (Map.Entry<String, Duration> queue : maxWaits.entrySet()) {
            Instant before = clock.instant().minus(queue.getValue());
            for (JobId id : store.waitingSince(queue.getKey(), before, BATCH)) {
                try {
                    store.finish(id, JobState.ACCEPTED, new JobOutcome.Expired("waited longer than max-wait ("
                            + Durations.format(queue.getValue()) + ") of queue " + queue.getKey() + " without starting"));
                    log.info("event=expired job={} queue={} max-wait={}", id, queue.getKey(), Durations.format(queue.getValue()));
                    expired++;
                } catch (IllegalTransitionException startedMeanwhile) {
                    // it was claimed (or cancelled) between the query and this update: not expired
                }
            }
        }
        return expired;
    }

    void start() {
        if (!maxWaits.isEmpty()) {
            loop = PeriodicLoop.start("queue-expiry", EVERY, this::expireDue);
        }
    }

    void stop() {
        PeriodicLoop running = loop;
        if (running != null) {
            running.stop();
        }
    }
}
