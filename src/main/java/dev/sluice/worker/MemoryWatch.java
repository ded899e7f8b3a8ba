package dev.sluice.worker;

import dev.sluice.config.DataSize;
import dev.sluice.supervision.LoopFailures;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples the memory of a process tree (a job's, or a warm worker's for as long as it lives), keeps the peak, and
 * calls back once when the tree goes past the limit. The sampling interval follows the limit, so that a climb of
 * 1 GB/s is seen before it reaches twice the limit; a warm worker that has waited 10 s for a job is sampled every 10 s.
 * A job's first sample comes 100 ms after its start (sooner when its interval is shorter): one that ends before has
 * no peak.
 */
final class MemoryWatch implements AutoCloseable {

    private static final long CLIMB_BYTES_PER_SECOND = 1L << 30;
    private static final Duration FASTEST = Duration.ofMillis(10);
    private static final Duration SLOWEST = Duration.ofMillis(250);
    // why: without a limit the samples only feed the peak shown to the user, and each costs a scan of /proc
    private static final Duration WITHOUT_LIMIT = Duration.ofSeconds(1);
    // why: finding re-parented processes by their environment costs a /proc scan, so it is done every few samples
    private static final int SAMPLES_PER_MARKER_SCAN = 8;
    // why: a warm worker idle for a while runs none of its jobs' code, and each sample scans /proc: sampled every
    // interval, two idle workers cost an idle server more CPU than the rest of it
    private static final Duration IDLE_WORKER = Duration.ofSeconds(10);
    private static final Duration FIRST_JOB_SAMPLE = Duration.ofMillis(100);

    private final ProcessHandle root;
    private final Optional<String> run;
    private final Optional<DataSize> limit;
    private final Runnable onExceeded;
    private final Duration interval;
    private volatile boolean closed;
    private volatile long peak;
    private volatile long latest;
    private volatile long usedWhenExceeded = -1;
    private volatile boolean jobRunning;
    private volatile long idleSince = System.nanoTime();
    private Thread sampler;
    private final LoopFailures failures = new LoopFailures("memory-watch");

    /** {@code run} is the run's marker ({@link ProcessTree#runMark}), empty for a warm worker, whose processes carry none. */
    MemoryWatch(ProcessHandle root, Optional<String> run, Optional<DataSize> limit, Runnable onExceeded) {
        this.root = root;
        this.run = run;
        this.limit = limit;
        this.onExceeded = onExceeded;
        this.interval = limit.map(MemoryWatch::intervalFor).orElse(WITHOUT_LIMIT);
    }

    /** Half the time a 1 GB/s climb needs to add the limit once more, within 10–250 ms. */
    static Duration intervalFor(DataSize limit) {
        long nanos = limit.bytes() * 1_000_000_000L / CLIMB_BYTES_PER_SECOND / 2;
        return Duration.ofNanos(Math.max(FASTEST.toNanos(), Math.min(SLOWEST.toNanos(), nanos)));
    }

    MemoryWatch start() {
        sampler = Thread.ofVirtual().name("memory-" + root.pid()).start(this::sample);
        return this;
    }

    long peak() {
        return peak;
    }

    /** The last sample, in bytes (0 before the first). */
    long latest() {
        return latest;
    }

    /** A warm worker's job starts: a new peak from the last sample, and a sample every interval while it runs. */
    void jobStarted() {
        peak = latest;
        jobRunning = true;
    }

    /** A warm worker's job has ended: once it has waited 10 s for the next, it is sampled every 10 s only. */
    void jobEnded() {
        idleSince = System.nanoTime();
        jobRunning = false;
    }

    /** The memory the tree used when it went past the limit, if it did. */
    Optional<Long> exceeded() {
        return usedWhenExceeded < 0 ? Optional.empty() : Optional.of(usedWhenExceeded);
    }

    @Override
    public void close() {
        closed = true;
        if (sampler != null) {
            LockSupport.unpark(sampler);
        }
    }

    private void sample() {
        Set<ProcessHandle> marked = new HashSet<>();
        long sampledAt = System.nanoTime() - IDLE_WORKER.toNanos();
        // why: a process just started has not yet used what it will, and a sample costs a read of /proc, so a busy
        // queue of short jobs would pay one per job for a figure that says nothing of their peak
        if (run.isPresent()) {
            LockSupport.parkNanos(Math.min(interval.toNanos(), FIRST_JOB_SAMPLE.toNanos()));
        }
        for (int n = 0; !closed && root.isAlive(); ) {
            if (due(sampledAt)) {
                try {
                    if (sampleOnce(n++, marked)) {
                        return;
                    }
                    failures.succeeded();
                } catch (RuntimeException | Error e) {
                    // why: a sampler that died would leave the job without its memory limit for the rest of its run
                    failures.failed("memory-sample-failed", run.map(r -> "run=" + r).orElse("worker=" + root.pid()), e);
                }
                sampledAt = System.nanoTime();
            }
            LockSupport.parkNanos(interval.toNanos());
        }
    }

    /** Whether to sample now: every interval, but for a warm worker idle 10 s, every 10 s. */
    private boolean due(long sampledAt) {
        long now = System.nanoTime();
        boolean idleWorker = run.isEmpty() && !jobRunning && now - idleSince >= IDLE_WORKER.toNanos();
        return !idleWorker || now - sampledAt >= IDLE_WORKER.toNanos();
    }

    /** Takes one sample; true when the tree went past the limit (and was reported). */
    private boolean sampleOnce(int n, Set<ProcessHandle> marked) {
        Set<ProcessHandle> members = new HashSet<>();
        members.add(root);
        // why: listing descendants scans all of /proc; a warm worker just started has none worth it
        if (n > 0 || run.isPresent()) {
            root.descendants().forEach(members::add);
        }
        // why: a re-parented grandchild needs time to appear; a short job is done before the first scan
        if (run.isPresent() && n > 0 && n % SAMPLES_PER_MARKER_SCAN == 0) {
            marked.clear();
            marked.addAll(ProcessTree.runMembers(Optional.empty(), run.get()));
        }
        marked.removeIf(p -> !p.isAlive());
        members.addAll(marked);
        long used = TreeMemory.bytes(members);
        latest = used;
        peak = Math.max(peak, used);
        if (limit.isPresent() && used > limit.get().bytes() && !closed) {
            usedWhenExceeded = used;
            onExceeded.run();
            return true;
        }
        return false;
    }
}
