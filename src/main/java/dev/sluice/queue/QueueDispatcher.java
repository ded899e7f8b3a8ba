package dev.sluice.queue;

import dev.sluice.store.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import dev.sluice.supervision.LoopFailures;

/**
 * Runs the jobs of one queue in submission order on as many slots as its concurrency, so it can never run
 * more at once. A slot that ends a job claims the next one itself, in the commit that records the end; an idle
 * slot sleeps until a submission or a freed memory reservation wakes it, and also looks again every second in
 * case a wake-up was lost.
 */
final class QueueDispatcher {

    private static final long IDLE_LOOK_MILLIS = 1000;

    private final String queue;
    private final int concurrency;
    private final Function<String, Optional<Job>> claimer;
    private final Semaphore wakeups = new Semaphore(0);
    private final SlotRunner runner;
    private final LoopFailures failures;
    private final List<Thread> slots = new ArrayList<>();
    private volatile boolean running;

    /** Runs a claimed job to its end on the calling thread; returns the next job when it claimed one with the end. */
    interface SlotRunner {
        Optional<Job> run(Job job, LoopFailures failures);
    }

    /** {@code runner} runs a claimed job to its end on the calling slot thread (while {@link #claiming()}). */
    QueueDispatcher(String queue, int concurrency, Function<String, Optional<Job>> claimer, SlotRunner runner) {
        this.queue = queue;
        this.failures = new LoopFailures("queue-" + queue);
        this.concurrency = concurrency;
        this.claimer = claimer;
        this.runner = runner;
    }

    void start() {
        running = true;
        for (int slot = 0; slot < concurrency; slot++) {
            // why: a woken platform thread gets its share of a core from the kernel at once; as virtual threads
            // the slots waited for a carrier behind every busy request handler, and the queue crawled under load
            slots.add(Thread.ofPlatform().name("queue-" + queue + "-" + slot).daemon().start(this::serve));
        }
    }

    /** Stops claiming new jobs; the jobs the slots are running go on until their runs end. */
    void stopClaiming() {
        running = false;
        wakeAll();
    }

    /** Waits up to {@code wait} for every slot to end its job and stop. */
    void awaitSlots(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread slot : slots) {
            try {
                slot.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether the slots still take new jobs. */
    boolean claiming() {
        return running;
    }

    /** Says there may be a job to claim: one idle slot looks. */
    void wake() {
        wakeups.release();
    }

    /** Says there may be {@code jobs} jobs to claim: as many idle slots look, up to every slot. */
    void wake(int jobs) {
        wakeups.release(Math.max(1, Math.min(jobs, concurrency)));
    }

    /** Says something that held jobs back has changed (memory was freed): every idle slot looks. */
    void wakeAll() {
        wakeups.release(concurrency);
    }

    // why: a pass that throws must not end the slot, or the queue would silently run one job fewer at a time
    private void serve() {
        while (running) {
            try {
                serveOnce();
            } catch (RuntimeException | Error unexpected) {
                failures.failed("slot-failed", "", unexpected);
                pause();
            }
        }
    }

    private void serveOnce() {
        Optional<Job> next = claim();
        if (next.isEmpty()) {
            try {
                wakeups.tryAcquire(IDLE_LOOK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            return;
        }
        do {
            next = runner.run(next.get(), failures);
        } while (next.isPresent());
    }

    private Optional<Job> claim() {
        try {
            Optional<Job> claimed = claimer.apply(queue);
            failures.succeeded();
            return claimed;
        } catch (RuntimeException e) {
            failures.failed("claim-failed", "queue=" + queue, e);
            pause();
            return Optional.empty();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(IDLE_LOOK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
