package dev.sluice.config;

/** A named queue: how many of its jobs may run at once and how many may wait. */
public record QueueConfig(Integer concurrency, Integer maxWaiting) {

    public QueueConfig {
        concurrency = concurrency == null ? 1 : concurrency;
        maxWaiting = maxWaiting == null ? 10_000 : maxWaiting;
    }
}
