package dev.sluice.queue;

import dev.sluice.config.Limits;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.FailureReason;
import dev.sluice.store.Job;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.RequeueCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a run that the server's own death or stop cut short. That is not the job's fault, so it is re-run
 * without spending a retry, up to its task's {@code limits.max-interruptions}; a job interrupted more often than
 * that (one that brings its server down every time) fails with reason interrupted, saying how often.
 */
final class InterruptedRuns {

    private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);

    private final SluiceConfig config;
    private final JobStore store;

    InterruptedRuns(SluiceConfig config, JobStore store) {
        this.config = config;
        this.store = store;
    }

    /** {@code what} says what cut the run short, e.g. "the server died while the job ran". */
    Job settle(Job running, String what) {
        int limit = config.task(running.task()).map(t -> t.limits().maxInterruptions()).orElse(Limits.DEFAULT_MAX_INTERRUPTIONS);
        int interruption = running.interruptions() + 1;
        if (interruption <= limit) {
            log.info("event=interrupted job={} task={} action=requeued interruption={} limit={}", running.id(), running.task(),
                    interruption, limit);
            return store.requeue(running.id(), RequeueCause.INTERRUPTED, "re-queued: " + what + " (interruption " + interruption
                    + " of at most " + limit + " that are re-run; they spend no retries)");
        }
        log.info("event=interrupted job={} task={} action=failed interruptions={} limit={}", running.id(), running.task(),
                interruption, limit);
        return store.finish(running.id(), JobState.RUNNING, new JobOutcome.Failed(FailureReason.INTERRUPTED, what + "; it was"
                + " interrupted " + times(interruption) + ", more than limits.max-interruptions (" + limit + ") allows, so it is"
                + " not run again"));
    }

    private static String times(int n) {
        return switch (n) {
            case 1 -> "once";
            case 2 -> "twice";
            default -> n + " times";
        };
    }
}
