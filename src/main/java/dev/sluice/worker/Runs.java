package dev.sluice.worker;

import dev.sluice.config.SluiceConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.config.TaskMode;
import dev.sluice.store.Job;
import dev.sluice.store.JobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Makes the run of a claimed job: a fresh process for an exec task, a job handed to the task's pool of warm workers
 * for a warm one. Owns this node's warm pools, one per warm task.
 */
public final class Runs {

    private final SluiceConfig config;
    private final JobStore store;
    private final Path dataDir;
    private final NodePlace place;
    private final JobOutputListener output;
    private final WorkerEvents workerEvents;
    private final Map<String, WarmPool> pools = new ConcurrentHashMap<>();

    /**
     * {@code place} sets this node's workers apart; {@code output} hears every line every job prints; {@code workerEvents}
     * each warm worker started or recycled.
     */
    public Runs(SluiceConfig config, JobStore store, Path dataDir, NodePlace place, JobOutputListener output,
                WorkerEvents workerEvents) {
        this.config = config;
        this.store = store;
        this.dataDir = dataDir;
        this.place = place;
        this.output = output;
        this.workerEvents = workerEvents;
    }

    /** The run of a claimed job of the task (which the caller found configured). */
    public Run of(Job job, TaskConfig task) {
        JobFolder folder = JobFolder.of(dataDir, job.id());
        return task.mode() == TaskMode.WARM
                ? new WarmJobRun(job, pool(job.task(), task), folder, store, output)
                : new JobRun(job, task, folder, store, output, Sandbox.forTask(config, task));
    }

    /** What a previous run of this node left: warm workers still alive, folders lent to one and not given back. */
    public void clearLeftovers() {
        WarmWorkers.clearLeftovers(dataDir, place);
    }

    /**
     * Starts one worker of each warm task that {@code serves} in the background, so that a task's first job after a
     * start finds it ready instead of waiting for the worker's imports.
     */
    public void prestartWarmWorkers(Predicate<String> serves) {
        config.tasks().forEach((name, task) -> {
            if (task.mode() == TaskMode.WARM && serves.test(name)) {
                pool(name, task).prestart();
            }
        });
    }

    /** The warm workers waiting for a job. */
    public List<WorkerInfo> idleWorkers() {
        List<WorkerInfo> idle = new ArrayList<>();
        pools.values().forEach(pool -> idle.addAll(pool.idleWorkers()));
        return idle;
    }

    /** Stops every warm worker. */
    public void stop() {
        pools.values().forEach(WarmPool::stop);
    }

    private WarmPool pool(String name, TaskConfig task) {
        return pools.computeIfAbsent(name, n -> new WarmPool(n, task, dataDir, place, Sandbox.forTask(config, task), workerEvents));
    }
}
