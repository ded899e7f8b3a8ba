package dev.sluice.app;

import dev.sluice.supervision.PeriodicLoop;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back to the system once a server that has worked goes quiet: SQLite's page cache (the file's pages
 * stay in the system's cache) and, by a full collection, the heap the work grew.
 * why: a burst of jobs grows the heap, and a collector gives it back only in a full collection, which a quiet
 * server never has; after the burst the server held its peak until the next one. The launcher's
 * {@code -XX:-ShrinkHeapInSteps -XX:MaxHeapFreeRatio=30} let that one collection shrink the heap at once, until at
 * most 30% of it is free.
 */
public final class IdleMemoryRelease {

    private static final Logger log = LoggerFactory.getLogger(IdleMemoryRelease.class);
    private static final long MB = 1024 * 1024;

    /**
     * When to give memory back: checked every {@code checkEvery}, once the server used less than {@code quietShare}
     * of one core over the last {@code quietFor}, after at least {@code afterWork} of CPU since the last time.
     */
    public record Settings(Duration checkEvery, Duration quietFor, double quietShare, Duration afterWork) {

        /** About half a minute after the server went quiet; an idle server's own ticks use well under 1% of a core. */
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 0.02, Duration.ofSeconds(1));
    }

    private final Runnable releaseCaches;
    private final QuietWatch watch;
    private final PeriodicLoop loop;

    private IdleMemoryRelease(Settings settings, Runnable releaseCaches, long cpuNow) {
        this.releaseCaches = releaseCaches;
        this.watch = new QuietWatch(settings.quietFor().toNanos(), (long) (settings.quietFor().toNanos() * settings.quietShare()),
                settings.afterWork().toNanos(), cpuNow);
        this.loop = PeriodicLoop.start("memory-release", settings.checkEvery(), this::check);
    }

    /** Starts watching; empty where the system does not tell a process its CPU time. */
    static Optional<IdleMemoryRelease> start(Settings settings, Runnable releaseCaches) {
        return cpuTime().map(cpu -> new IdleMemoryRelease(settings, releaseCaches, cpu));
    }

    private void check() {
        Optional<Long> cpu = cpuTime();
        if (cpu.isPresent() && watch.due(System.nanoTime(), cpu.get())) {
            release();
        }
    }

    private void release() {
        long started = System.nanoTime();
        long heapBefore = Runtime.getRuntime().totalMemory();
        releaseCaches.run();
        System.gc();
        long heapAfter = Runtime.getRuntime().totalMemory();
        cpuTime().ifPresent(watch::released);
        log.info("event=memory-released heap-mb-before={} heap-mb-after={} ms={}", heapBefore / MB, heapAfter / MB,
                (System.nanoTime() - started) / 1_000_000);
    }

    void stop() {
        loop.stop();
    }

    private static Optional<Long> cpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos);
    }
}
