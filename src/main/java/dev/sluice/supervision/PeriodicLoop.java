package dev.sluice.supervision;

import java.time.Duration;

/**
 * A background loop on a thread of its own that runs one step, then waits, until stopped. A step that throws is
 * reported to the loop's {@link LoopFailures} and the loop goes on; it never dies of a failure.
 */
public final class PeriodicLoop {

    private final Thread thread;

    private PeriodicLoop(Thread thread) {
        this.thread = thread;
    }

    /** Starts {@code step} now and then every {@code every} after each run ends. */
    public static PeriodicLoop start(String name, Duration every, Runnable step) {
        LoopFailures failures = new LoopFailures(name);
        return new PeriodicLoop(Thread.ofPlatform().name(name).daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    step.run();
                    failures.succeeded();
                } catch (RuntimeException failed) {
                    failures.failed("step", "", failed);
                }
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }));
    }

    public void stop() {
        thread.interrupt();
    }
}
