package dev.sluice.schedule;

import dev.sluice.config.RetentionConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.JobId;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.supervision.PeriodicLoop;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished jobs older than their task's `retention` (folder first, then row), and the oldest finished jobs
 * while their folders take more than `max-disk`, in small batches with a pause between them, so the store is never
 * held for long; a queued or running job is never touched.
 */
public final class RetentionSweeper {

    /** What one sweep removed. */
    public record Sweep(int jobs, long bytes) {
    }

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    // why: a batch holds the database while it deletes; small batches with a pause between them let the requests of
    // users through (status reads stayed under a few ms while 100,000 jobs were removed)
    private static final int BATCH = 50;
    private static final Duration PAUSE = Duration.ofMillis(10);
    private static final Duration EVERY = Duration.ofMinutes(1);
    private static final Set<JobState> KEPT_BY_KEEP = Set.of(JobState.SUCCESSFUL, JobState.DISMISSED);

    private final Map<String, RetentionConfig> byTask = new java.util.LinkedHashMap<>();
    private final JobStore store;
    private final Path jobsFolder;
    private final Clock clock;
    private volatile PeriodicLoop loop;
    private final Optional<dev.sluice.config.DataSize> maxDisk;
    private final java.util.function.Consumer<Sweep> swept;
    private final java.util.function.BooleanSupplier leading;

    public RetentionSweeper(SluiceConfig config, JobStore store, Path dataDir, Clock clock) {
        this(config, store, dataDir, clock, sweep -> { }, () -> true);
    }

    /**
     * {@code swept} hears what each sweep removed (the metrics count it); the periodic sweep runs only while
     * {@code leading} (one node of several sharing a database sweeps for all).
     */
    public RetentionSweeper(SluiceConfig config, JobStore store, Path dataDir, Clock clock, java.util.function.Consumer<Sweep> swept,
                            java.util.function.BooleanSupplier leading) {
        this.swept = swept;
        this.leading = leading;
        this.store = store;
        this.jobsFolder = dataDir.resolve("jobs");
        this.clock = clock;
        config.tasks().forEach((name, task) -> byTask.put(name, task.retentionOver(config.retention())));
        this.maxDisk = config.retention().maxDiskIfAny();
    }

    /** Removes everything due now; returns how many jobs and bytes of their folders. */
    public Sweep sweep() {
        Instant now = clock.instant();
        int jobs = 0;
        long bytes = 0;
        for (Map.Entry<String, RetentionConfig> task : byTask.entrySet()) {
            Optional<Duration> keep = task.getValue().keepIfAny();
            Optional<Duration> keepFailed = task.getValue().keepFailedIfAny();
            if (keep.isPresent()) {
                Sweep part = sweep(task.getKey(), KEPT_BY_KEEP, now.minus(keep.get()));
                jobs += part.jobs();
                bytes += part.bytes();
            }
            if (keepFailed.isPresent()) {
                Sweep part = sweep(task.getKey(), Set.of(JobState.FAILED), now.minus(keepFailed.get()));
                jobs += part.jobs();
                bytes += part.bytes();
            }
        }
        if (maxDisk.isPresent()) {
            Sweep trimmed = new DiskCap(store, jobsFolder, BATCH, this::pause).trim(maxDisk.get().bytes());
            jobs += trimmed.jobs();
            bytes += trimmed.bytes();
        }
        Sweep sweep = new Sweep(jobs, bytes);
        if (jobs > 0) {
            log.info("event=retention removed={} bytes={}", jobs, bytes);
            swept.accept(sweep);
        }
        return sweep;
    }

    private Sweep sweep(String task, Set<JobState> states, Instant before) {
        int jobs = 0;
        long bytes = 0;
        while (true) {
            List<JobId> due = store.retention().finishedBefore(task, states, before, BATCH);
            if (due.isEmpty()) {
                return new Sweep(jobs, bytes);
            }
            for (JobId id : due) {
                bytes += DiskCap.remove(jobsFolder.resolve(id.value()));
            }
            jobs += store.retention().remove(due).size();
            if (due.size() < BATCH) {
                return new Sweep(jobs, bytes);
            }
            if (!pause()) {
                return new Sweep(jobs, bytes);
            }
        }
    }

    /** Waits between batches; false when the sweeper is being stopped. */
    private boolean pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void start() {
        if (maxDisk.isPresent() || byTask.values().stream().anyMatch(r -> r.keepIfAny().isPresent() || r.keepFailedIfAny().isPresent())) {
            loop = PeriodicLoop.start("retention", EVERY, () -> {
                if (leading.getAsBoolean()) {
                    sweep();
                }
            });
        }
    }

    public void stop() {
        PeriodicLoop running = loop;
        if (running != null) {
            running.stop();
        }
    }
}
