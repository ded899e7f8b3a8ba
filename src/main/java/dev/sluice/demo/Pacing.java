package dev.sluice.demo;

import java.util.concurrent.TimeUnit;

/** Sleeps against a fixed start time so that once-per-second progress does not drift as work piles up. */
final class Pacing {

    private final long startNanos = System.nanoTime();

    /** Blocks until {@code millis} milliseconds have passed since this pacing began. */
    void sleepUntil(long millis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(millis) - (System.nanoTime() - startNanos);
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }
}
