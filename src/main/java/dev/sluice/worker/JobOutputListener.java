package dev.sluice.worker;

import dev.sluice.store.JobId;

/**
 * Hears every line a job prints, as the line is copied into the job's log. It is called on the job's output
 * thread, so it must return at once: a slow listener would slow the job's own output.
 */
@FunctionalInterface
public interface JobOutputListener {

    JobOutputListener NONE = (job, line) -> { };

    void line(JobId job, String line);
}
