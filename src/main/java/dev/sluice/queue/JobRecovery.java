package dev.sluice.queue;

import dev.sluice.store.FailureReason;
import dev.sluice.store.Job;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.worker.ProcessTree;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, at start-up, for the jobs a previous run of the server left running: their surviving processes
 * are stopped, then each job is queued again while it has retries left, or fails with reason interrupted.
 */
final class JobRecovery {

    private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(2);
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private final JobStore store;

    JobRecovery(JobStore store) {
        this.store = store;
    }

    // why: the recorded start is taken just after the launch, not read from the kernel; a reused pid starts far later
    private static boolean sameProcess(java.time.Instant actual, java.time.Instant recorded) {
        return Duration.between(actual, recorded).abs().compareTo(START_TOLERANCE) < 0;
    }

    void recover() {
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
}
