package dev.sluice.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A named queue: how many of its jobs may run at once, how many may wait, how long a job may wait for its first
 * start before it is dismissed as expired, and how long a waiting job may be passed by jobs of higher priority
 * submitted after it before it goes ahead of them all (`promote-after`, the rule against starvation).
 */
public record QueueConfig(Integer concurrency, Integer maxWaiting, Duration maxWait, Duration promoteAfter,
                          Integer concurrencyPerNode) {

    public static final Duration DEFAULT_PROMOTE_AFTER = Duration.ofMinutes(10);

    public QueueConfig {
        // why: a queue that says only how many run on each node sets no cap on the cluster
        concurrency = concurrency == null ? (concurrencyPerNode == null ? 1 : Integer.MAX_VALUE) : concurrency;
        maxWaiting = maxWaiting == null ? 10_000 : maxWaiting;
        promoteAfter = promoteAfter == null ? DEFAULT_PROMOTE_AFTER : promoteAfter;
    }

    public QueueConfig(Integer concurrency, Integer maxWaiting) {
        this(concurrency, maxWaiting, null, null, null);
    }

    public QueueConfig(Integer concurrency, Integer maxWaiting, Duration maxWait, Duration promoteAfter) {
        this(concurrency, maxWaiting, maxWait, promoteAfter, null);
    }

    /** How many of its jobs one node runs at once: the queue's slots on each node. */
    public int slotsPerNode() {
        return concurrencyPerNode == null ? concurrency : Math.min(concurrency, concurrencyPerNode);
    }

    /** How many of its jobs may run at once on all nodes together; empty when only each node's slots cap them. */
    public Optional<Integer> clusterLimit() {
        return concurrency == Integer.MAX_VALUE ? Optional.empty() : Optional.of(concurrency);
    }

    public Optional<Duration> maxWaitIfAny() {
        return Optional.ofNullable(maxWait);
    }
}
