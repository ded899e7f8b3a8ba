package dev.sluice.web;

import dev.sluice.worker.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Each worker process's memory over the last hour, sampled every few seconds, for the admin page's sparklines.
 * Bounded: at most {@link #KEPT} samples per worker, and a worker that is gone is forgotten at the next sample.
 */
public final class WorkerMemoryHistory implements AutoCloseable {

    static final int KEPT = 360;
    private static final Duration EVERY = Duration.ofSeconds(10);

    /** One sample: when, and the worker's resident memory then. */
    record Sample(Instant at, long bytes) {
    }

    private final Supplier<List<WorkerInfo>> workers;
    private final Map<String, Deque<Sample>> byWorker = new HashMap<>();
    private final Thread sampler;

    public WorkerMemoryHistory(Supplier<List<WorkerInfo>> workers) {
        this.workers = workers;
        this.sampler = Thread.ofVirtual().name("worker-memory-history").unstarted(this::sampleUntilClosed);
    }

    public WorkerMemoryHistory start() {
        sampler.start();
        return this;
    }

    /** The samples of one worker, oldest first; empty for a worker not seen yet. */
    synchronized List<Sample> of(WorkerInfo worker) {
        return List.copyOf(byWorker.getOrDefault(key(worker), new ArrayDeque<>()));
    }

    synchronized void sample(List<WorkerInfo> now, Instant at) {
        Map<String, Deque<Sample>> kept = new HashMap<>();
        for (WorkerInfo worker : now) {
            Deque<Sample> samples = byWorker.getOrDefault(key(worker), new ArrayDeque<>());
            samples.addLast(new Sample(at, worker.memoryBytes()));
            while (samples.size() > KEPT) {
                samples.removeFirst();
            }
            kept.put(key(worker), samples);
        }
        byWorker.clear();
        byWorker.putAll(kept);
    }

    // why: a pid is reused by the system; with its start time it names one process
    private static String key(WorkerInfo worker) {
        return worker.pid() + "@" + worker.started();
    }

    private void sampleUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                sample(workers.get(), Instant.now());
                Thread.sleep(EVERY);
            } catch (InterruptedException stopping) {
                return;
            } catch (RuntimeException unreadable) {
                // a worker that ended while it was read; the next sample sees the new set
            }
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
