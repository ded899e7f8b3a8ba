package dev.sluice.worker;

import dev.sluice.config.Durations;
import dev.sluice.config.TaskConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm workers of one task: an idle one takes the next job, a new one is started when none is idle,
 * and a worker that has done its share of jobs or grown too large between jobs is replaced. One worker can be
 * started ahead of any job ({@link #prestart()}), so that the task's first job does not wait for its imports.
 */
public final class WarmPool {

    /** A worker could not be brought up: it died, or did not say ready in time. */
    static final class StartFailed extends Exception {
        StartFailed(String message) {
            super(message);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(WarmPool.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final String taskName;
    private final TaskConfig task;
    private final Path workerLog;
    private final NodePlace place;
    private final Deque<WarmWorker> idle = new ConcurrentLinkedDeque<>();
    private final Path dataDir;
    private final Optional<Sandbox> sandbox;
    private final WorkerEvents events;
    // why: the first job that finds no idle worker waits for the one already starting instead of starting another
    private final AtomicReference<CompletableFuture<WarmWorker>> starting = new AtomicReference<>();
    private volatile WarmWorker launching;
    private boolean stopped;

    public WarmPool(String taskName, TaskConfig task, Path dataDir, NodePlace place, Optional<Sandbox> sandbox) {
        this(taskName, task, dataDir, place, sandbox, WorkerEvents.NONE);
    }

    /** {@code events} hears each worker that starts or is recycled. */
    public WarmPool(String taskName, TaskConfig task, Path dataDir, NodePlace place, Optional<Sandbox> sandbox, WorkerEvents events) {
        this.events = events;
        this.taskName = taskName;
        this.dataDir = dataDir;
        this.sandbox = sandbox;
        this.task = task;
        this.workerLog = place.workerLogs().resolve(taskName + ".log");
        this.place = place;
    }

    TaskConfig task() {
        return task;
    }

    WarmWorker acquire() throws StartFailed {
        for (WarmWorker w; (w = idle.pollFirst()) != null; ) {
            if (w.alive()) {
                return w;
            }
        }
        CompletableFuture<WarmWorker> early = starting.getAndSet(null);
        if (early != null) {
            WarmWorker w = awaitEarly(early);
            if (w.alive()) {
                return w;
            }
            discard(w);
        }
        return ready(spawn());
    }

    /**
     * Starts one worker in the background, for the task's first job. If it cannot start, a job already waiting for
     * it fails with the reason; with none waiting, the failure is logged and the next job makes its own attempt.
     */
    void prestart() {
        CompletableFuture<WarmWorker> early = new CompletableFuture<>();
        if (!starting.compareAndSet(null, early)) {
            return;
        }
        Thread.ofVirtual().name("warm-prestart-" + taskName).start(() -> {
            WarmWorker worker = null;
            try {
                WarmWorker spawned = spawn();
                launching = spawned;
                if (isStopped()) {
                    spawned.kill(Duration.ZERO);
                }
                worker = ready(spawned);
                early.complete(worker);
            } catch (StartFailed | RuntimeException failed) {
                early.completeExceptionally(failed);
            } finally {
                launching = null;
            }
            if (starting.compareAndSet(early, null)) {
                keepUnclaimed(worker, early);
            }
        });
    }

    private void keepUnclaimed(WarmWorker worker, CompletableFuture<WarmWorker> early) {
        if (worker == null) {
            if (isStopped()) {
                return;
            }
            // why: the message ends with the worker's last lines of output; one event stays one line, its value quoted
            String reason = early.exceptionNow().getMessage().replace('\n', ' ').replace('"', '\'');
            log.warn("event=worker-prestart-failed task={} reason=\"{}\"", taskName, reason);
            return;
        }
        synchronized (this) {
            if (!stopped) {
                idle.addFirst(worker);
                return;
            }
        }
        worker.stop(STOP_GRACE);
    }

    private static WarmWorker awaitEarly(CompletableFuture<WarmWorker> early) throws StartFailed {
        try {
            return early.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof StartFailed startFailed) {
                throw startFailed;
            }
            throw failed;
        }
    }

    private WarmWorker spawn() throws StartFailed {
        try {
            return WarmWorker.start(task, workerLog, place, jobLimitWithJitter(), sandbox, dataDir, taskName);
        } catch (IOException cannotStart) {
            throw new StartFailed("the worker command could not be started: " + cannotStart.getMessage());
        }
    }

    private WarmWorker ready(WarmWorker fresh) throws StartFailed {
        WarmWorker.Start start = fresh.awaitReady(task.limits().startupTimeout());
        if (start != WarmWorker.Start.READY) {
            boolean hung = start == WarmWorker.Start.SILENT;
            fresh.kill(Duration.ZERO);
            fresh.release();
            throw new StartFailed(hung ? "the warm worker did not say ready within " + Durations.format(task.limits().startupTimeout())
                    + " (limits.startup-timeout; raise it if loading takes longer)"
                    : "the warm worker exited during start-up (" + fresh.howItEnded() + ")");
        }
        log.info("event=worker-started task={} pid={}", taskName, fresh.handle().pid());
        events.workerStarted(taskName);
        return fresh;
    }

    /** Takes back a worker after a job that ended normally; replaces it when it is spent or too large. */
    void giveBack(WarmWorker worker) {
        worker.countJob();
        if (worker.spent()) {
            retire(worker, "did its share of jobs");
            return;
        }
        if (task.limits().recycleAbove().isPresent()) {
            long memory = worker.memory().latest();
            if (memory > task.limits().recycleAbove().get().bytes()) {
                retire(worker, "uses " + new dev.sluice.config.DataSize(memory) + " between jobs");
                return;
            }
        }
        idle.addFirst(worker);
    }

    /** The workers waiting for a job. */
    public List<WorkerInfo> idleWorkers() {
        return idle.stream().map(w -> w.info(taskName, java.util.Optional.empty())).toList();
    }

    /** Kills a worker after a job that went wrong; the job's folder must have been given back already. */
    void discard(WarmWorker worker) {
        worker.kill(Duration.ZERO);
        worker.release();
    }

    public void stop() {
        List<WarmWorker> all;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(idle);
            idle.clear();
        }
        WarmWorker stillStarting = launching;
        if (stillStarting != null) {
            stillStarting.kill(Duration.ZERO);
        }
        all.forEach(w -> w.stop(STOP_GRACE));
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    private void retire(WarmWorker worker, String why) {
        log.info("event=worker-recycled task={} pid={} reason=\"{}\"", taskName, worker.handle().pid(), why);
        events.workerRecycled(taskName);
        Thread.ofVirtual().start(() -> worker.stop(STOP_GRACE));
    }

    // why: workers started together would otherwise all be replaced in the same minute
    private int jobLimitWithJitter() {
        int limit = task.limits().maxJobsPerWorker();
        int jitter = limit / 10;
        return jitter == 0 ? limit : limit - jitter + ThreadLocalRandom.current().nextInt(2 * jitter + 1);
    }
}
