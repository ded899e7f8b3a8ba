package dev.sluice.worker;

import dev.sluice.store.JobId;
import dev.sluice.store.JobStore;
import dev.sluice.supervision.LoopFailures;

/**
 * Writes a job's progress to the store, at most every {@link #MIN_GAP_NANOS}, so a script that reports in a
 * tight loop cannot flood the database; the latest report is never lost, only delayed until {@link #flush()}.
 */
final class ProgressReporter {

    // why: one for all jobs, so a database that refuses every write is logged once and summarised, not per report
    private static final LoopFailures FAILURES = new LoopFailures("progress");

    private static final long MIN_GAP_NANOS = 100_000_000L;

    private final JobStore store;
    private final JobId job;
    private long lastWrite = System.nanoTime() - MIN_GAP_NANOS;
    private ProgressLine pending;
    private boolean flushScheduled;

    ProgressReporter(JobStore store, JobId job) {
        this.store = store;
        this.job = job;
    }

    synchronized void report(ProgressLine line) {
        pending = line;
        long sinceLast = System.nanoTime() - lastWrite;
        if (sinceLast >= MIN_GAP_NANOS) {
            flush();
        } else if (!flushScheduled) {
            // why: without a later write, a job that reports and then computes for minutes would show stale progress
            flushScheduled = true;
            long wait = MIN_GAP_NANOS - sinceLast;
            Thread.ofVirtual().start(() -> {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                flush();
            });
        }
    }

    synchronized void flush() {
        flushScheduled = false;
        if (pending != null) {
            try {
                store.updateProgress(job, pending.percent(), pending.message());
                FAILURES.succeeded();
            } catch (RuntimeException notRecorded) {
                // why: progress is a courtesy; a database that cannot write it (a full disk) must not stop the job's
                // output from being drained, nor its end from being recorded
                FAILURES.failed("progress-not-recorded", "job=" + job, notRecorded);
            }
            pending = null;
            lastWrite = System.nanoTime();
        }
    }
}
