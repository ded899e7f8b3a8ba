package dev.sluice.queue;

import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.supervision.LoopFailures;
import dev.sluice.worker.FolderTree;
import dev.sluice.worker.JobFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, at start-up, for the jobs a previous run of the server left running: their surviving processes
 * are stopped, then each is settled as an interrupted run (re-queued, or failed once interrupted too often).
 * It also removes the folders of submissions that a crash cut off between their upload and their commit.
 * A job or folder that cannot be settled is logged and left to the reconciler; the rest are settled all the same.
 */
final class JobRecovery {

    private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);

    private final JobStore store;
    private final InterruptedRuns interrupted;
    private final Path jobsDir;
    /** How old a job folder without a job must be before a node sharing data-dir removes it. */
    static final Duration SHARED_UPLOAD_AGE = Duration.ofHours(1);

    private final LoopFailures failures = new LoopFailures("start-up-sweep");
    private final Optional<String> uploader;

    /**
     * {@code uploader}, present when several nodes use the store and data-dir, marks this node's uploads. A node then
     * starts under a new registration that runs nothing yet (what its earlier start ran is settled by {@link
     * ClusterDuties}), and other nodes may be uploading right now.
     */
    JobRecovery(JobStore store, InterruptedRuns interrupted, Path dataDir, Optional<String> uploader) {
        this.store = store;
        this.interrupted = interrupted;
        this.jobsDir = JobFolder.allIn(dataDir);
        this.uploader = uploader;
    }

    void recover() {
        if (uploader.isEmpty()) {
            settleInterrupted();
        }
        removeUncommittedUploads();
    }

    private void settleInterrupted() {
        List<Job> running;
        try {
            running = store.inState(JobState.RUNNING);
        } catch (RuntimeException unreadable) {
            failures.failed("recovery-failed", "", unreadable);
            return;
        }
        for (Job job : running) {
            try {
                LeftoverProcesses.stop(job);
                interrupted.settle(job, "the server died while the job ran");
            } catch (RuntimeException e) {
                failures.failed("recovery-failed", "job=" + job.id(), e);
            }
        }
    }

    // why: at start-up no submission of this node is in flight, so a job folder without a job row (or one still being
    // made) is a crash's leftover; with nodes sharing data-dir, if this node made it, or once too old to be another's
    private void removeUncommittedUploads() {
        if (!Files.isDirectory(jobsDir)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> listed = Files.list(jobsDir)) {
            folders = listed.toList();
        } catch (IOException | UncheckedIOException unreadable) {
            log.warn("event=upload-sweep-failed reason=\"{}\"", unreadable.getMessage());
            return;
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            try {
                if (uncommitted(name) && ownOrOld(folder)) {
                    FolderTree.delete(folder);
                    log.info("event=removed-uncommitted-upload folder={}", folder);
                }
            } catch (IOException | RuntimeException e) {
                failures.failed("upload-sweep-failed", "folder=" + name, e);
            }
        }
    }

    private boolean uncommitted(String name) {
        return name.startsWith(JobFolder.STAGING_PREFIX)
                || JobId.parse(name).filter(id -> store.find(id).isEmpty()).isPresent();
    }

    private boolean ownOrOld(Path folder) throws IOException {
        if (uploader.isEmpty()
                || folder.getFileName().toString().startsWith(JobFolder.STAGING_PREFIX + uploader.get() + "-")) {
            return true;
        }
        Path mark = new JobFolder(folder).uploader();
        if (Files.isRegularFile(mark, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(mark) < 100
                && Files.readString(mark).equals(uploader.get())) {
            return true;
        }
        return Files.getLastModifiedTime(folder).toInstant().isBefore(java.time.Instant.now().minus(SHARED_UPLOAD_AGE));
    }
}
