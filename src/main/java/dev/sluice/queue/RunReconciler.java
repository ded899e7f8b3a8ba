package dev.sluice.queue;

import dev.sluice.store.FailureReason;
import dev.sluice.store.IllegalTransitionException;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.supervision.LoopFailures;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every so often records the ends the database could not take when they came ({@link UnrecordedEnds}), then compares
 * the jobs the store says are running with the runs this node has in hand, and settles what does not match: a running
 * job that no run serves and no held end explains (its run died, or even a failure could not be recorded for it) fails
 * with reason internal after its leftover processes are stopped; a run whose job is no longer running is stopped.
 * A mismatch is settled only when two passes in a row see it, so a job claimed or ended between the two looks
 * of one pass is never mistaken for one.
 */
final class RunReconciler {

    private static final Logger log = LoggerFactory.getLogger(RunReconciler.class);
    static final String ORPHAN_MESSAGE = "the server lost track of the job's run (an internal error; the server's log names"
            + " this job); its processes were stopped";

    private final JobStore store;
    private final List<String> queues;
    private final ActiveRuns active;
    private final UnrecordedEnds unrecordedEnds;
    private final Duration every;
    private final LoopFailures failures = new LoopFailures("reconciler");
    private Map<JobId, Integer> orphansSeen = Map.of();
    private Set<JobId> straysSeen = Set.of();
    private volatile boolean running;
    private Thread thread;

    RunReconciler(JobStore store, List<String> queues, ActiveRuns active, UnrecordedEnds unrecordedEnds, Duration every) {
        this.store = store;
        this.queues = List.copyOf(queues);
        this.active = active;
        this.unrecordedEnds = unrecordedEnds;
        this.every = every;
    }

    void start() {
        running = true;
        thread = Thread.ofVirtual().name("run-reconciler").start(this::loop);
    }

    void stop() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(every.toNanos());
            if (!running) {
                return;
            }
            try {
                pass();
                failures.succeeded();
            } catch (RuntimeException | Error e) {
                failures.failed("reconcile-failed", "", e);
            }
        }
    }

    /** One comparison of the store with the runs in hand; settles what the previous pass saw too. */
    void pass() {
        unrecordedEnds.retry();
        Set<JobId> live = active.ids();
        Set<JobId> explained = new HashSet<>(live);
        explained.addAll(unrecordedEnds.ids());
        Map<JobId, Integer> orphans = new HashMap<>();
        for (String queue : queues) {
            for (JobId running : store.runningHere(queue)) {
                if (!explained.contains(running)) {
                    store.find(running).filter(job -> job.state() == JobState.RUNNING)
                            .ifPresent(job -> orphans.put(job.id(), job.attempts()));
                }
            }
        }
        for (Map.Entry<JobId, Integer> orphan : orphans.entrySet()) {
            if (orphan.getValue().equals(orphansSeen.get(orphan.getKey()))) {
                settleOrphan(orphan.getKey());
            }
        }
        orphansSeen = orphans;
        Set<JobId> strays = new HashSet<>();
        for (JobId id : live) {
            Optional<Job> job = store.find(id);
            if (job.isEmpty() || job.get().state() != JobState.RUNNING) {
                strays.add(id);
            }
        }
        for (JobId stray : strays) {
            if (straysSeen.contains(stray)) {
                log.warn("event=stray-run-stopped job={} reason=\"the job is no longer running in the store\"", stray);
                active.get(stray).ifPresent(run -> Thread.ofVirtual().start(run::cancel));
            }
        }
        straysSeen = strays;
    }

    private void settleOrphan(JobId id) {
        try {
            Optional<Job> job = store.find(id).filter(j -> j.state() == JobState.RUNNING);
            if (job.isEmpty() || active.ids().contains(id) || unrecordedEnds.ids().contains(id)) {
                return;
            }
            LeftoverProcesses.stop(job.get());
            store.finish(id, JobState.RUNNING, new JobOutcome.Failed(FailureReason.INTERNAL, ORPHAN_MESSAGE));
            log.warn("event=orphan-settled job={} task={} reason=\"running in the store, but no run of this server served it\"",
                    id, job.get().task());
        } catch (IllegalTransitionException endedMeanwhile) {
            // its run recorded the end after all
        } catch (RuntimeException e) {
            failures.failed("orphan-settle-failed", "job=" + id, e);
        }
    }
}
