package dev.sluice.queue;

import dev.sluice.store.JobStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How long the recent successful runs of one task took: read from the store once, then kept up to date from
 * the jobs that finish, so an estimate costs no query.
 */
final class TaskDurations {

    static final int KEPT = 20;

    private final String task;
    private final JobStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private Deque<Duration> recent;
    private Optional<Duration> median = Optional.empty();

    TaskDurations(String task, JobStore store) {
        this.task = task;
        this.store = store;
    }

    /** The median of the recent durations; empty while the task has never succeeded. */
    Optional<Duration> median() {
        lock.lock();
        try {
            if (recent == null) {
                recent = new ArrayDeque<>(store.recentDurations(task, KEPT));
                median = medianOf(recent);
            }
            return median;
        } finally {
            lock.unlock();
        }
    }

    /** A run of the task succeeded after {@code took}; before the first read the store already has it. */
    void add(Duration took) {
        lock.lock();
        try {
            if (recent != null) {
                recent.addFirst(took);
                if (recent.size() > KEPT) {
                    recent.removeLast();
                }
                median = medianOf(recent);
            }
        } finally {
            lock.unlock();
        }
    }

    private static Optional<Duration> medianOf(Deque<Duration> durations) {
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2));
    }
}
