package dev.sluice.worker;

import dev.sluice.config.TaskMode;
import dev.sluice.store.JobId;
import java.time.Instant;
import java.util.Optional;

/** One live worker process as the admin page shows it: an exec job's process, or a warm worker busy or idle. */
public record WorkerInfo(long pid, String task, TaskMode mode, Optional<JobId> job, int jobsDone, long memoryBytes,
                         Instant started) {
}
