package dev.sluice.queue;

import dev.sluice.store.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs of one queue in submission order on as many slots as its concurrency, so it can never run
 * more at once. A slot that ends a job claims the next one itself, in the commit that records the end; an idle
 * slot sleeps until a submission or a freed memory reservation wakes it, and also looks again every second in
 * case a wake-up was lost.
 */
final class QueueDispatcher {

    private static final Logger log = LoggerFactory.getLogger(QueueDispatcher.class);
    private static final long IDLE_LOOK_MILLIS = 1000;

    private final String queue;
    private final int concurrency;
    private final Function<String, Optional<Job>> claimer;
    private final Semaphore wakeups = new Semaphore(0);
    private final Function<Job, Optional<Job>> runner;
    private final List<Thread> slots = new ArrayList<>();
    private volatile boolean running;

    /**
     * {@code runner} runs a claimed job to its end on the calling thread and must not throw; it returns the next
     * job when it claimed one together with the end (while {@link #claiming()}).
     */
    QueueDispatcher(String queue, int concurrency, Function<String, Optional<Job>> claimer, Function<Job, Optional<Job>> runner) {
        this.queue = queue;
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

    /** Says something that held jobs back has changed (memory was freed): every idle slot looks. */
    void wakeAll() {
        wakeups.release(concurrency);
    }

    private void serve() {
        while (running) {
            Optional<Job> next = claim();
            if (next.isEmpty()) {
                try {
                    wakeups.tryAcquire(IDLE_LOOK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            do {
                next = runner.apply(next.get());
            } while (next.isPresent());
        }
    }

    private Optional<Job> claim() {
        try {
            return claimer.apply(queue);
        } catch (RuntimeException e) {
            log.error("event=claim-failed queue={} reason=\"{}\"", queue, e.getMessage(), e);
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
