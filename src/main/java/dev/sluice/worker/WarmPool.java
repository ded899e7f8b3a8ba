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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm workers of one task: an idle one takes the next job, a new one is started when none is idle,
 * and a worker that has done its share of jobs or grown too large between jobs is replaced.
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
        WarmWorker fresh;
        try {
            fresh = WarmWorker.start(task, workerLog, place, jobLimitWithJitter(), sandbox, dataDir, taskName);
        } catch (IOException cannotStart) {
            throw new StartFailed("the worker command could not be started: " + cannotStart.getMessage());
        }
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
        List<WarmWorker> all = new ArrayList<>(idle);
        idle.clear();
        all.forEach(w -> w.stop(STOP_GRACE));
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
