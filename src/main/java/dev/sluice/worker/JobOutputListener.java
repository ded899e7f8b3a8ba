package dev.sluice.worker;

import dev.sluice.store.JobId;

/**
 * Hears every line a job prints, once the line is in the job's log. It is called on the job's output
 * thread, so it must return at once: a slow listener would slow the job's own output.
 */
@FunctionalInterface
public interface JobOutputListener {

    /** The position of a line the log file does not hold (past the log's cap, or after a write to it failed). */
    long NOT_IN_FILE = Long.MAX_VALUE;

    JobOutputListener NONE = (job, line, logPosition) -> { };

    /**
     * {@code logPosition}: the log file's first bytes up to this position hold this line and everything printed before
     * it, so a reader of the file that saw at least that many bytes has seen the line.
     */
    void line(JobId job, String line, long logPosition);
}
