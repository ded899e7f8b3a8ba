package dev.sluice.config;

import java.time.Duration;

/**
 * What a single job may use: wall time, memory of its whole process tree (none when absent), threads for
 * numeric libraries, the grace between SIGTERM and SIGKILL, and the size its log may reach.
 */
public record Limits(Duration timeout, DataSize memory, Integer threads, Duration killGrace, DataSize maxLog) {

    public java.util.Optional<DataSize> memoryLimit() {
        return java.util.Optional.ofNullable(memory);
    }

    public Limits {
        timeout = timeout == null ? Duration.ofHours(1) : timeout;
        threads = threads == null ? 1 : threads;
        killGrace = killGrace == null ? Duration.ofSeconds(5) : killGrace;
        maxLog = maxLog == null ? DataSize.ofMegabytes(10) : maxLog;
    }
}
