package dev.sluice.queue;

import dev.sluice.store.Job;
import dev.sluice.store.JobStore;
import dev.sluice.worker.FolderTree;
import dev.sluice.worker.JobFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dismisses a finished job at its submitter's request (OGC API – Processes, dismiss): its folder goes, then its row,
 * and the job is unknown from then on.
 * why: the folder first, as retention does: a failure in between leaves a job that can be dismissed again, never a
 * folder that no job points to
 */
public final class FinishedJobDismissal {

    private static final Logger log = LoggerFactory.getLogger(FinishedJobDismissal.class);

    private final JobStore store;
    private final Path dataDir;

    public FinishedJobDismissal(JobStore store, Path dataDir) {
        this.store = store;
        this.dataDir = dataDir;
    }

    /** Removes the finished {@code job}, its results and files; false when it was already gone (dismissed meanwhile). */
    public boolean dismiss(Job job) {
        if (!job.state().isFinal()) {
            throw new IllegalArgumentException("job " + job.id() + " is " + job.state().wireName() + ", not finished");
        }
        long bytes;
        try {
            bytes = FolderTree.delete(JobFolder.of(dataDir, job.id()).root());
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot remove the folder of job " + job.id(), failed);
        }
        boolean removed = store.retention().dismiss(job.id());
        log.info("event=job-dismissed job={} task={} bytes={}", job.id(), job.task(), bytes);
        return removed;
    }
}
