package dev.sluice.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A named queue: how many of its jobs may run at once, how many may wait, how long a job may wait for its first
 * start before it is dismissed as expired, and how long a waiting job may be passed by jobs of higher priority
 * submitted after it before it goes ahead of them all (`promote-after`, the rule against starvation).
 */
public record QueueConfig(Integer concurrency, Integer maxWaiting, Duration maxWait, Duration promoteAfter) {

    public static final Duration DEFAULT_PROMOTE_AFTER = Duration.ofMinutes(10);

    public QueueConfig {
        concurrency = concurrency == null ? 1 : concurrency;
        maxWaiting = maxWaiting == null ? 10_000 : maxWaiting;
        promoteAfter = promoteAfter == null ? DEFAULT_PROMOTE_AFTER : promoteAfter;
    }

    public QueueConfig(Integer concurrency, Integer maxWaiting) {
        this(concurrency, maxWaiting, null, null);
    }

    public Optional<Duration> maxWaitIfAny() {
        return Optional.ofNullable(maxWait);
    }
}
