package dev.sluice.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The part of the store that retention uses: finished jobs found by age or size, removed, and remembered as removed. */
public interface RetentionStore {

    /** Finished jobs of {@code task} in one of {@code states} that ended before {@code before}, oldest first. */
    List<JobId> finishedBefore(String task, Set<JobState> states, Instant before, int limit);

    /**
     * Removes these jobs' rows, in one transaction, leaving a record of each removal; a job that is not finished is
     * left alone. Returns the ids removed.
     */
    List<JobId> remove(List<JobId> ids);

    /**
     * Removes a finished job's row at its submitter's request (OGC dismiss), leaving no record: the job is then
     * unknown, not "removed by retention". False when it is not there or not finished.
     */
    boolean dismiss(JobId id);

    /** Finished jobs whose folder size is not recorded yet, oldest first (for `max-disk`). */
    List<JobId> unmeasured(int limit);

    /** Records the folder sizes of finished jobs, in bytes. */
    void recordDiskUse(Map<JobId, Long> bytes);

    /** The sum of the recorded folder sizes of all jobs. */
    long diskUse();

    /** The finished jobs that ended first, with their recorded folder sizes (0 when not measured). */
    LinkedHashMap<JobId, Long> oldestFinished(int limit);

    /** When the job with this id was removed by retention, if it was. */
    Optional<Instant> removedAt(JobId id);
}
