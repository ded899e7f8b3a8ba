package dev.sluice.config;

import java.time.Duration;

/**
 * What a single job may use: wall time, memory of its whole process tree (none when absent), threads for
 * numeric libraries, the grace between SIGTERM and SIGKILL, and the size its log may reach; for warm
 * workers also how long start-up may take and when a worker is replaced; and how often a job is re-run after the
 * server died while it ran (an interruption, which spends none of its retries).
 */
public record Limits(Duration timeout, DataSize memory, Integer threads, Duration killGrace, DataSize maxLog,
                     Duration startupTimeout, Integer maxJobsPerWorker, DataSize recycleMemory, Integer maxInterruptions) {

    /** A job that brings its server down every time must not do so forever. */
    public static final int DEFAULT_MAX_INTERRUPTIONS = 2;

    /** Warm mode: a worker whose memory between jobs is above this is replaced; default 80% of `memory`. */
    public java.util.Optional<DataSize> recycleAbove() {
        return recycleMemory != null ? java.util.Optional.of(recycleMemory)
                : memoryLimit().map(m -> new DataSize(m.bytes() / 5 * 4));
    }

    public java.util.Optional<DataSize> memoryLimit() {
        return java.util.Optional.ofNullable(memory);
    }

    public Limits {
        timeout = timeout == null ? Duration.ofHours(1) : timeout;
        threads = threads == null ? 1 : threads;
        killGrace = killGrace == null ? Duration.ofSeconds(5) : killGrace;
        maxLog = maxLog == null ? DataSize.ofMegabytes(10) : maxLog;
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
        maxJobsPerWorker = maxJobsPerWorker == null ? 1000 : maxJobsPerWorker;
        maxInterruptions = maxInterruptions == null ? DEFAULT_MAX_INTERRUPTIONS : maxInterruptions;
    }
}
