package dev.sluice.queue;

import dev.sluice.config.SluiceConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.FailureReason;
import dev.sluice.store.Handover;
import dev.sluice.store.IllegalTransitionException;
import dev.sluice.store.Job;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.RequeueCause;
import dev.sluice.store.RunFacts;
import dev.sluice.store.StoreException;
import dev.sluice.supervision.LoopFailures;
import dev.sluice.worker.ProcessTree;
import dev.sluice.worker.Run;
import dev.sluice.worker.Runs;
import dev.sluice.worker.TaskHealth;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a queue slot does with a claimed job: runs it to its end, then finishes, retries or re-queues it. Whatever
 * goes wrong on the way, the job does not stay running: it ends failed with reason internal, or, when even that
 * cannot be recorded, the reconciler settles it later.
 */
final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    static final String INTERNAL_MESSAGE = "the server failed while it ran the job (an internal error; the server's log"
            + " names this job); its processes were stopped";

    /** What the runner needs of the queues around it. */
    interface Queues {
        boolean stopping();

        /** Whether the queue's slots still take new jobs, so a finished job's commit may claim the next one. */
        boolean claiming(String queue);

        /** Memory was given back: every queue looks again at jobs that waited for it. */
        void memoryFreed();
    }

    private final SluiceConfig config;
    private final JobStore store;
    private final TaskHealth health;
    private final MemoryAdmissions admissions;
    private final ActiveRuns active;
    private final InterruptedRuns interrupted;
    private final Runs runs;
    private final UnrecordedEnds unrecordedEnds;
    private final Queues queues;

    JobRunner(SluiceConfig config, JobStore store, TaskHealth health, MemoryAdmissions admissions, ActiveRuns active,
              InterruptedRuns interrupted, Runs runs, UnrecordedEnds unrecordedEnds, Queues queues) {
        this.config = config;
        this.store = store;
        this.health = health;
        this.admissions = admissions;
        this.active = active;
        this.interrupted = interrupted;
        this.runs = runs;
        this.unrecordedEnds = unrecordedEnds;
        this.queues = queues;
    }

    /**
     * Runs a claimed job to its end on the calling slot thread. Returns the queue's next job when the commit that
     * finished this one also claimed it. Never throws: {@code failures} hears what went wrong.
     */
    Optional<Job> run(Job job, LoopFailures failures) {
        Optional<TaskConfig> task = config.task(job.task());
        Optional<JobOutcome> refused = task.isEmpty()
                ? Optional.of(new JobOutcome.Failed(FailureReason.LAUNCH, "task '" + job.task() + "' is no longer configured"))
                : health.broken(job.task()).map(b -> new JobOutcome.Failed(b.reason(), "task '" + job.task() + "' is broken: " + b.message()));
        if (refused.isPresent()) {
            try {
                store.finish(job.id(), JobState.RUNNING, refused.get());
            } catch (RuntimeException e) {
                failures.failed("finish-failed", "job=" + job.id(), e);
            } finally {
                releaseMemory(job);
            }
            return Optional.empty();
        }
        Run run = runs.of(job, task.get());
        active.started(run);
        Job ended = job;
        try {
            Handover handover = runToEnd(run);
            ended = handover.finished();
            return handover.next();
        } catch (IllegalTransitionException endedElsewhere) {
            // why: the reconciler stops a run whose job was ended by other means; that end stands
            log.info("event=run-outlived-its-job job={} reason=\"{}\"", job.id(), endedElsewhere.getMessage());
            ended = store.find(job.id()).orElse(job);
            return Optional.empty();
        } catch (RuntimeException | Error unexpected) {
            failures.failed("run-failed", "job=" + job.id(), unexpected);
            ended = endAsInternal(run, failures).orElse(job);
            return Optional.empty();
        } finally {
            releaseMemory(job);
            active.ended(run, ended);
        }
    }

    private Handover runToEnd(Run run) {
        Job job = run.job();
        if (queues.stopping()) {
            return new Handover(store.requeue(job.id(), RequeueCause.NEVER_STARTED, "re-queued: the server stopped before it ran"),
                    Optional.empty());
        }
        Duration backoff = health.backoff(job.task());
        if (backoff.isPositive()) {
            pause(backoff);
        }
        long startedAt = System.nanoTime();
        JobOutcome outcome = run.run();
        if (active.abandoned(run)) {
            // why: this node lost its lease and another took the job over. The store's fence refuses what the old
            // registration records, but this node may have claimed the job again under its new one since
            log.info("event=abandoned-run-ended job={} attempt={}", job.id(), job.attempts());
            return new Handover(job, Optional.empty());
        }
        health.recordRun(job.task(), diedAtOnce(outcome, Duration.ofNanos(System.nanoTime() - startedAt)), outcome.message());
        // why: the run is over, so its memory is free for the job claimed in the same commit as its end
        releaseMemory(job);
        if (queues.stopping() && outcome instanceof JobOutcome.Dismissed) {
            return new Handover(interrupted.settle(job, "the server stopped while the job ran, at the end of its drain timeout"),
                    Optional.empty());
        }
        RunFacts facts = run.facts();
        try {
            return end(job, outcome, facts, true);
        } catch (StoreException unrecorded) {
            unrecordedEnds.hold(job.id(), () -> end(job, outcome, facts, false), unrecorded);
            return new Handover(job, Optional.empty());
        }
    }

    /** Records how the run ended (a retry, or the job's end); with {@code claimNext}, also claims the queue's next job. */
    private Handover end(Job job, JobOutcome outcome, RunFacts facts, boolean claimNext) {
        if (outcome instanceof JobOutcome.Failed failed && job.retriesLeft()) {
            int retry = job.attempts() - job.interruptions();
            log.info("event=retry job={} task={} reason={} attempt={}", job.id(), job.task(), failed.reason().wireName(), job.attempts());
            return new Handover(store.requeue(job.id(), RequeueCause.RETRY, "retrying after " + failed.reason().wireName()
                    + " (failed run " + retry + " of at most " + (job.maxRetries() + 1) + "): " + failed.message()), Optional.empty());
        }
        log.info("event=finished job={} task={} state={}", job.id(), job.task(), outcome.state().wireName());
        if (!claimNext || !queues.claiming(job.queue())) {
            return new Handover(store.finish(job.id(), JobState.RUNNING, outcome, facts), Optional.empty());
        }
        MemoryAdmissions.Admission admission = admissions.next();
        Handover handover;
        try {
            handover = store.finishAndClaimNext(job.id(), outcome, facts, job.queue(), admission);
        } catch (RuntimeException notCommitted) {
            // why: the claim's memory reservation was made before the commit that failed; nothing was claimed
            admission.settle(Optional.empty());
            throw notCommitted;
        }
        admission.settle(handover.next());
        return handover;
    }

    /**
     * Ends a job whose run failed unexpectedly: its processes are stopped and it fails with reason internal. Empty
     * when that cannot be recorded either; the job then stays running until the reconciler settles it.
     */
    private Optional<Job> endAsInternal(Run run, LoopFailures failures) {
        Job job = run.job();
        try {
            run.cancel();
            ProcessTree.terminateRun(Optional.empty(), ProcessTree.runMark(job), Duration.ofSeconds(2));
            return Optional.of(store.finish(job.id(), JobState.RUNNING, new JobOutcome.Failed(FailureReason.INTERNAL, INTERNAL_MESSAGE)));
        } catch (IllegalTransitionException alreadyEnded) {
            return store.find(job.id());
        } catch (RuntimeException | Error stillFailing) {
            failures.failed("internal-end-failed", "job=" + job.id(), stillFailing);
            return Optional.empty();
        }
    }

    private void releaseMemory(Job job) {
        if (admissions.release(job)) {
            queues.memoryFreed();
        }
    }

    // why: a command that cannot start, or is killed by a signal at once, fails the same way for every job
    private static boolean diedAtOnce(JobOutcome outcome, Duration ran) {
        return outcome instanceof JobOutcome.Failed f && (f.reason() == FailureReason.LAUNCH
                || (f.reason() == FailureReason.CRASHED && ran.compareTo(TaskHealth.QUICK) < 0));
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
