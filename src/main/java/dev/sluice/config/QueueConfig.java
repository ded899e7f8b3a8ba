package dev.sluice.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A named queue: how many of its jobs may run at once, how many may wait, and how long a job may wait for its first
 * start before it is dismissed as expired.
 */
public record QueueConfig(Integer concurrency, Integer maxWaiting, Duration maxWait) {

    public QueueConfig {
        concurrency = concurrency == null ? 1 : concurrency;
        maxWaiting = maxWaiting == null ? 10_000 : maxWaiting;
    }

    public QueueConfig(Integer concurrency, Integer maxWaiting) {
        this(concurrency, maxWaiting, null);
    }

    public Optional<Duration> maxWaitIfAny() {
        return Optional.ofNullable(maxWait);
    }
}
