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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a job should start and finish: the jobs ahead of it in its queue, each taking the median of its task's
 * recent successful runs, are laid onto the queue's concurrency slots after the running ones. An estimate is
 * left out while a task involved has never succeeded. Memory-budget waits are not foreseen. Past the first
 * jobs ahead, the others' work is spread evenly over the slots, which stays within a job's length of the exact
 * lay-out.
 */
public final class QueueEstimates implements JobObserver {

    /** Estimated start and finish; either is empty when a duration it needs is unknown. */
    public record Estimate(Optional<Instant> start, Optional<Instant> finish) {
    }

    // why: an exact lay-out costs a step per job ahead; beyond these, the rest of the queue is spread evenly
    private static final int LAID_OUT_IN_ORDER = 64;

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
    /** How many jobs of the queue wait to start, from memory (no database read). */
    public int waiting(String queue) {
        return lineUps.waiting(queue);
    }

    /** How many jobs of the queue run, from memory (no database read). */
    public int running(String queue) {
        return lineUps.running(queue);
    }

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
        QueueLineUps.Ahead ahead = lineUps.ahead(job.queue(), job.sequence(), LAID_OUT_IN_ORDER, now);
        PriorityQueue<Instant> slotsFreeAt = new PriorityQueue<>();
        for (QueuedJob running : ahead.running()) {
            Optional<Duration> d = median(running.task());
            if (d.isEmpty()) {
                return Optional.empty();
            }
            slotsFreeAt.add(latest(running.started().orElse(now).plus(d.get()), now));
        }
        while (slotsFreeAt.size() < config.queue(job.queue()).slotsPerNode()) {
            slotsFreeAt.add(now);
        }
        for (String task : ahead.next()) {
            Optional<Duration> d = median(task);
            if (d.isEmpty()) {
                return Optional.empty();
            }
            slotsFreeAt.add(slotsFreeAt.poll().plus(d.get()));
        }
        Duration rest = Duration.ZERO;
        for (Map.Entry<String, Integer> later : ahead.later().entrySet()) {
            Optional<Duration> d = median(later.getKey());
            if (d.isEmpty()) {
                return Optional.empty();
            }
            rest = rest.plus(d.get().multipliedBy(later.getValue()));
        }
        return Optional.of(rest.isZero() ? slotsFreeAt.poll() : spread(slotsFreeAt, rest));
    }

    /**
     * When slots freeing at these instants have shared out this much more work: the instant by which the
     * work poured into the earliest slots fills them level, as if it could be split at will.
     */
    private static Instant spread(PriorityQueue<Instant> slotsFreeAt, Duration work) {
        List<Instant> slots = new ArrayList<>(slotsFreeAt);
        Collections.sort(slots);
        Instant origin = slots.getFirst();
        long sumNanos = 0;
        for (int k = 1; k <= slots.size(); k++) {
            sumNanos += Duration.between(origin, slots.get(k - 1)).toNanos();
            Instant level = origin.plusNanos((work.toNanos() + sumNanos) / k);
            if (k == slots.size() || !level.isAfter(slots.get(k))) {
                return level;
            }
        }
        throw new IllegalStateException("a queue has at least one slot");
    }

    private Optional<Duration> median(String task) {
        return durations.computeIfAbsent(task, t -> new TaskDurations(t, store)).median();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
