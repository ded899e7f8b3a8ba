package dev.sluice.queue;

import dev.sluice.config.SluiceConfig;
import dev.sluice.events.JobObserver;
import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.QueuedJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a job should start and finish: the jobs ahead of it in its queue, each taking the median of its task's
 * recent successful runs, are laid onto the queue's concurrency slots after the running ones. An estimate is
 * left out while a task involved has never succeeded. Memory-budget waits are not foreseen.
 */
public final class QueueEstimates implements JobObserver {

    /** Estimated start and finish; either is empty when a duration it needs is unknown. */
    public record Estimate(Optional<Instant> start, Optional<Instant> finish) {
    }

    private final SluiceConfig config;
    private final JobStore store;
    private final Clock clock;
    private final Map<String, TaskDurations> durations = new ConcurrentHashMap<>();
    private final QueueLineUps lineUps = new QueueLineUps();

    public QueueEstimates(SluiceConfig config, JobStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
    }

    /** Reads the queues' waiting and running jobs; call it at start-up, before any job moves. */
    public void load() {
        lineUps.load(store, config.queues().keySet());
    }

    /** The estimate for a waiting or running job; empty for a finished one. */
    public Optional<Estimate> estimate(Job job) {
        Instant now = clock.instant();
        Optional<Duration> own = median(job.task());
        if (job.state() == JobState.RUNNING) {
            Instant started = job.started().orElse(now);
            return Optional.of(new Estimate(Optional.of(started), own.map(d -> latest(started.plus(d), now))));
        }
        if (job.state() != JobState.ACCEPTED) {
            return Optional.empty();
        }
        Optional<Instant> start = startOf(job, now);
        return Optional.of(new Estimate(start, start.flatMap(s -> own.map(s::plus))));
    }

    @Override
    public void stateChanged(Job job) {
        lineUps.apply(job);
        if (job.state() == JobState.SUCCESSFUL && job.started().isPresent() && job.finished().isPresent()) {
            durations.computeIfAbsent(job.task(), t -> new TaskDurations(t, store))
                    .add(Duration.between(job.started().get(), job.finished().get()));
        }
    }

    private Optional<Instant> startOf(Job job, Instant now) {
        List<QueuedJob> lineUp = lineUps.of(job.queue());
        PriorityQueue<Instant> slotsFreeAt = new PriorityQueue<>();
        for (QueuedJob running : lineUp) {
            if (running.state() == JobState.RUNNING) {
                Optional<Duration> d = median(running.task());
                if (d.isEmpty()) {
                    return Optional.empty();
                }
                slotsFreeAt.add(latest(running.started().orElse(now).plus(d.get()), now));
            }
        }
        while (slotsFreeAt.size() < config.queue(job.queue()).concurrency()) {
            slotsFreeAt.add(now);
        }
        for (QueuedJob ahead : lineUp) {
            if (ahead.state() == JobState.ACCEPTED && ahead.sequence() < job.sequence()) {
                Optional<Duration> d = median(ahead.task());
                if (d.isEmpty()) {
                    return Optional.empty();
                }
                slotsFreeAt.add(slotsFreeAt.poll().plus(d.get()));
            }
        }
        return Optional.of(slotsFreeAt.poll());
    }

    private Optional<Duration> median(String task) {
        return durations.computeIfAbsent(task, t -> new TaskDurations(t, store)).median();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
