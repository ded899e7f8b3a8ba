package dev.sluice.queue;

import dev.sluice.store.FailureReason;
import dev.sluice.store.JobId;
import dev.sluice.store.Job;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.worker.JobFolder;
import dev.sluice.worker.ProcessTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, at start-up, for the jobs a previous run of the server left running: their surviving processes
 * are stopped, then each job is queued again while it has retries left, or fails with reason interrupted.
 * It also removes the folders of submissions that a crash cut off between their upload and their commit.
 */
final class JobRecovery {

    private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(2);
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private static final java.util.regex.Pattern JOB_FOLDER = java.util.regex.Pattern.compile("[0-9a-f]{32}");

    private final JobStore store;
    private final Path jobsDir;

    JobRecovery(JobStore store, Path dataDir) {
        this.store = store;
        this.jobsDir = JobFolder.allIn(dataDir);
    }

    // why: the recorded start is taken just after the launch, not read from the kernel; a reused pid starts far later
    private static boolean sameProcess(java.time.Instant actual, java.time.Instant recorded) {
        return Duration.between(actual, recorded).abs().compareTo(START_TOLERANCE) < 0;
    }

    void recover() {
        requeueOrFailInterrupted();
        removeUncommittedUploads();
    }

    private void requeueOrFailInterrupted() {
        for (Job job : store.inState(JobState.RUNNING)) {
            Optional<ProcessHandle> worker = job.worker().flatMap(w -> ProcessHandle.of(w.pid())
                    .filter(p -> p.info().startInstant().map(s -> sameProcess(s, w.started())).orElse(false)));
            ProcessTree.terminate(worker, Optional.of(job.id()), ORPHAN_GRACE);
            if (job.retriesLeft()) {
                store.requeue(job.id(), "re-queued: the server restarted while the job ran");
                log.info("event=recovered job={} task={} action=requeued attempt={}", job.id(), job.task(), job.attempts());
            } else {
                store.finish(job.id(), JobState.RUNNING, new JobOutcome.Failed(FailureReason.INTERRUPTED,
                        "the server stopped while the job ran, and no retries were left"));
                log.info("event=recovered job={} task={} action=failed reason=interrupted", job.id(), job.task());
            }
        }
    }

    // why: at start-up no submission is in flight, so a job folder without a job row is a crash's leftover
    private void removeUncommittedUploads() {
        if (!Files.isDirectory(jobsDir)) {
            return;
        }
        try (Stream<Path> folders = Files.list(jobsDir)) {
            for (Path folder : folders.toList()) {
                String name = folder.getFileName().toString();
                if (JOB_FOLDER.matcher(name).matches() && store.find(new JobId(name)).isEmpty()) {
                    deleteTree(folder);
                    log.info("event=removed-uncommitted-upload folder={}", folder);
                }
            }
        } catch (IOException | UncheckedIOException unreadable) {
            log.warn("event=upload-sweep-failed reason=\"{}\"", unreadable.getMessage());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
