package dev.sluice.queue;

import dev.sluice.store.Job;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the jobs of one queue in submission order, never more than its concurrency at once. It sleeps
 * until woken by a submission or a finished job, and also looks again every second in case a wake-up was lost.
 */
final class QueueDispatcher {

    private static final Logger log = LoggerFactory.getLogger(QueueDispatcher.class);
    private static final long IDLE_LOOK_MILLIS = 1000;

    private final String queue;
    private final Function<String, Optional<Job>> claimer;
    private final Semaphore slots;
    private final Semaphore wakeups = new Semaphore(0);
    private final Consumer<Job> starter;
    private volatile boolean running;
    private Thread loop;

    /** {@code starter} must not throw, and must call {@link #release()} exactly once when the job's run has ended. */
    QueueDispatcher(String queue, int concurrency, Function<String, Optional<Job>> claimer, Consumer<Job> starter) {
        this.queue = queue;
        this.claimer = claimer;
        this.slots = new Semaphore(concurrency);
        this.starter = starter;
    }

    void start() {
        running = true;
        loop = Thread.ofPlatform().name("dispatch-" + queue).daemon().start(this::dispatch);
    }

    void stop(Duration wait) {
        running = false;
        wake();
        try {
            loop.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void wake() {
        wakeups.release();
    }

    void release() {
        slots.release();
        wake();
    }

    private void dispatch() {
        while (running) {
            try {
                if (!slots.tryAcquire(IDLE_LOOK_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Optional<Job> next = claim();
                if (next.isPresent()) {
                    starter.accept(next.get());
                } else {
                    slots.release();
                    wakeups.tryAcquire(IDLE_LOOK_MILLIS, TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Optional<Job> claim() {
        if (!running) {
            return Optional.empty();
        }
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
