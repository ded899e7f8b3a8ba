package dev.sluice.queue;

import dev.sluice.config.QueueConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.FailureReason;
import dev.sluice.store.Handover;
import dev.sluice.store.IllegalTransitionException;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.QueuedJob;
import dev.sluice.store.RunFacts;
import dev.sluice.worker.JobFolder;
import dev.sluice.config.TaskMode;
import dev.sluice.worker.JobOutputListener;
import dev.sluice.worker.JobRun;
import dev.sluice.worker.WorkerInfo;
import dev.sluice.worker.NodeId;
import dev.sluice.worker.Run;
import dev.sluice.worker.WarmJobRun;
import dev.sluice.worker.WarmPool;
import dev.sluice.worker.WarmWorkers;
import dev.sluice.worker.TaskHealth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues of one node: admits submissions, starts jobs through one dispatcher per queue, finishes or
 * retries them when their run ends, and cancels queued or running jobs.
 */
public final class JobQueues {

    private static final Logger log = LoggerFactory.getLogger(JobQueues.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_STOP = Duration.ofSeconds(5);

    private final SluiceConfig config;
    private final JobStore store;
    private final Path dataDir;
    private final TaskHealth health;
    private final MemoryBudget budget;
    private final Map<String, WarmPool> pools = new ConcurrentHashMap<>();
    private final String nodeId;
    private final Map<JobId, Long> reservations = new ConcurrentHashMap<>();
    private final Map<String, QueueDispatcher> dispatchers = new LinkedHashMap<>();
    private final Map<JobId, ActiveRun> active = new ConcurrentHashMap<>();
    private final JobOutputListener output;
    private volatile boolean accepting = true;
    private volatile boolean stopping;

    private record ActiveRun(Run run, CompletableFuture<Job> ended) {
    }

    public JobQueues(SluiceConfig config, JobStore store, Path dataDir, TaskHealth health) {
        this(config, store, dataDir, health, JobOutputListener.NONE);
    }

    /** {@code output} hears every line that every job prints (the live logs of event streams). */
    public JobQueues(SluiceConfig config, JobStore store, Path dataDir, TaskHealth health, JobOutputListener output) {
        this.output = output;
        this.config = config;
        this.health = health;
        this.store = store;
        this.dataDir = dataDir;
        this.budget = new MemoryBudget(config.node().memoryBudget());
        this.nodeId = NodeId.of(dataDir);
        config.queues().forEach((name, queue) ->
                dispatchers.put(name, new QueueDispatcher(name, queue.concurrency(), this::admitNext, this::runJob)));
    }

    public void start() {
        new JobRecovery(store, dataDir).recover();
        WarmWorkers.stopOrphans(nodeId);
        dispatchers.values().forEach(QueueDispatcher::start);
    }

    /** Stops at once: {@link #stop(Duration, Duration)} with no time for running jobs to end by themselves. */
    public void stop(Duration wait) {
        stop(Duration.ZERO, wait);
    }

    /**
     * Stops taking submissions and starting jobs, gives the running jobs up to {@code drain} to end by
     * themselves, then stops those still running and puts them back in their queue for the next start.
     */
    public void stop(Duration drain, Duration wait) {
        accepting = false;
        dispatchers.values().forEach(QueueDispatcher::stopClaiming);
        if (!active.isEmpty()) {
            log.info("event=draining running={} drain-timeout={}", active.size(), drain);
        }
        awaitRuns(drain);
        stopping = true;
        active.values().forEach(a -> Thread.ofVirtual().start(a.run()::cancel));
        awaitRuns(wait);
        active.values().forEach(a -> log.warn("event=stop-incomplete job={}", a.run().job().id()));
        dispatchers.values().forEach(d -> d.awaitSlots(wait));
        pools.values().forEach(WarmPool::stop);
    }

    /** False once the server has begun to stop: submissions are then refused with a retry hint. */
    public boolean accepting() {
        return accepting;
    }

    /** Refuses a submission while the server stops, before the caller reads its body or uploads. */
    public void ensureAccepting() {
        if (!accepting) {
            throw new StoppingException(RETRY_AFTER_STOP);
        }
    }

    private void awaitRuns(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (ActiveRun a : List.copyOf(active.values())) {
            try {
                a.ended().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException impossible) {
                // ended futures are only ever completed normally
            }
        }
    }

    /** Admits a job to its queue: refused when the queue is full, committed when this returns. */
    public Job submit(NewJob job) {
        ensureAccepting();
        QueueConfig queue = config.queue(job.queue());
        QueueDispatcher dispatcher = dispatchers.get(job.queue());
        Job accepted = store.insertIfRoom(job, queue.maxWaiting())
                .orElseThrow(() -> new QueueFullException(job.queue(), queue.maxWaiting(), RETRY_AFTER));
        log.debug("event=accepted job={} task={} queue={}", job.id(), job.task(), job.queue());
        dispatcher.wake();
        return accepted;
    }

    /**
     * Cancels a queued job (dismissed at once) or a running one (its process tree is stopped first).
     * Returns the job as it then is; a finished job is returned unchanged.
     */
    public Optional<Job> cancel(JobId id) {
        for (int attempt = 0; attempt < 200; attempt++) {
            Optional<Job> found = store.find(id);
            if (found.isEmpty() || found.get().state().isFinal()) {
                return found;
            }
            Job job = found.get();
            if (job.state() == JobState.ACCEPTED) {
                try {
                    return Optional.of(store.finish(id, JobState.ACCEPTED, new JobOutcome.Dismissed("cancelled before it started")));
                } catch (IllegalTransitionException claimedMeanwhile) {
                    continue;
                }
            }
            ActiveRun running = active.get(id);
            if (running != null) {
                running.run().cancel();
                return Optional.of(running.ended().join());
            }
            // why: claimed by the dispatcher a moment ago, its run is about to be registered
            pause(Duration.ofMillis(10));
        }
        return store.find(id);
    }

    /**
     * Claims the next job of the queue if its memory limit fits the node's budget; otherwise leaves it first
     * in line with a message saying what it waits for. FIFO holds: a later, smaller job does not overtake it.
     */
    private Optional<Job> admitNext(String queue) {
        Admission admission = new Admission();
        return admission.settle(store.claimNext(queue, admission));
    }

    /** One look at the head of a queue: its memory is reserved if it fits, and what it needed remembered if not. */
    private final class Admission implements Predicate<QueuedJob> {
        private QueuedJob head;
        private long needed;
        private boolean reserved;

        @Override
        public boolean test(QueuedJob next) {
            if (reserved) {
                budget.release(needed);
            }
            head = next;
            needed = config.task(next.task()).flatMap(t -> t.limits().memoryLimit()).map(m -> m.bytes()).orElse(0L);
            reserved = budget.tryReserve(needed);
            return reserved;
        }

        Optional<Job> settle(Optional<Job> claimed) {
            if (claimed.isPresent()) {
                reservations.put(claimed.get().id(), needed);
            } else if (reserved) {
                budget.release(needed);
            } else if (head != null) {
                store.noteWaiting(head.id(), budget.describeShortfall(needed));
            }
            return claimed;
        }
    }

    private void releaseReservation(Job job) {
        Long reserved = reservations.remove(job.id());
        if (reserved != null && reserved > 0) {
            budget.release(reserved);
            dispatchers.values().forEach(QueueDispatcher::wakeAll);
        }
    }

    /**
     * Runs a claimed job to its end on the calling slot thread, then finishes, retries or re-queues it. Returns
     * the queue's next job when the commit that finished this one also claimed it.
     */
    private Optional<Job> runJob(Job job) {
        Optional<TaskConfig> task = config.task(job.task());
        Optional<JobOutcome> refused = task.isEmpty()
                ? Optional.of(new JobOutcome.Failed(FailureReason.LAUNCH, "task '" + job.task() + "' is no longer configured"))
                : health.broken(job.task()).map(b -> new JobOutcome.Failed(b.reason(), "task '" + job.task() + "' is broken: " + b.message()));
        if (refused.isPresent()) {
            try {
                store.finish(job.id(), JobState.RUNNING, refused.get());
            } catch (RuntimeException e) {
                log.error("event=finish-failed job={} reason=\"{}\"", job.id(), e.getMessage(), e);
            } finally {
                releaseReservation(job);
            }
            return Optional.empty();
        }
        Run run = task.get().mode() == TaskMode.WARM
                ? new WarmJobRun(job, pools.computeIfAbsent(job.task(), name -> new WarmPool(name, task.get(), dataDir, nodeId)),
                        JobFolder.of(dataDir, job.id()), store, output)
                : new JobRun(job, task.get(), JobFolder.of(dataDir, job.id()), store, output);
        ActiveRun entry = new ActiveRun(run, new CompletableFuture<>());
        active.put(job.id(), entry);
        Job ended = job;
        Optional<Job> next = Optional.empty();
        try {
            if (stopping) {
                ended = store.requeue(job.id(), "re-queued: the server stopped before it ran");
                return next;
            }
            Duration backoff = health.backoff(job.task());
            if (backoff.isPositive()) {
                pause(backoff);
            }
            long startedAt = System.nanoTime();
            JobOutcome outcome = run.run();
            health.recordRun(job.task(), diedAtOnce(outcome, Duration.ofNanos(System.nanoTime() - startedAt)), outcome.message());
            // why: the run is over, so its memory is free for the job claimed in the same commit as its end
            releaseReservation(job);
            Handover handover = stopping && outcome instanceof JobOutcome.Dismissed
                    ? new Handover(store.requeue(job.id(), "re-queued: the server stopped while it ran"), Optional.empty())
                    : end(job, outcome, run.facts());
            ended = handover.finished();
            next = handover.next();
        } catch (RuntimeException e) {
            log.error("event=run-failed job={} reason=\"{}\"", job.id(), e.getMessage(), e);
            ended = store.find(job.id()).orElse(job);
        } finally {
            active.remove(job.id());
            releaseReservation(job);
            entry.ended().complete(ended);
        }
        return next;
    }

    /** The worker processes of this node: one per running job, and the idle warm workers. */
    public List<WorkerInfo> workers() {
        List<WorkerInfo> all = new ArrayList<>();
        active.values().forEach(a -> a.run().worker().ifPresent(all::add));
        pools.values().forEach(pool -> all.addAll(pool.idleWorkers()));
        return all;
    }

    // why: a command that cannot start, or is killed by a signal at once, fails the same way for every job
    private static boolean diedAtOnce(JobOutcome outcome, Duration ran) {
        return outcome instanceof JobOutcome.Failed f && (f.reason() == FailureReason.LAUNCH
                || (f.reason() == FailureReason.CRASHED && ran.compareTo(TaskHealth.QUICK) < 0));
    }

    private Handover end(Job job, JobOutcome outcome, RunFacts facts) {
        if (outcome instanceof JobOutcome.Failed failed && job.retriesLeft()) {
            log.info("event=retry job={} task={} reason={} attempt={}", job.id(), job.task(), failed.reason().wireName(), job.attempts());
            return new Handover(store.requeue(job.id(), "retrying after " + failed.reason().wireName() + " (attempt "
                    + job.attempts() + " of " + (job.maxRetries() + 1) + "): " + failed.message()), Optional.empty());
        }
        log.info("event=finished job={} task={} state={}", job.id(), job.task(), outcome.state().wireName());
        QueueDispatcher dispatcher = dispatchers.get(job.queue());
        if (dispatcher == null || !dispatcher.claiming()) {
            return new Handover(store.finish(job.id(), JobState.RUNNING, outcome, facts), Optional.empty());
        }
        Admission admission = new Admission();
        Handover handover = store.finishAndClaimNext(job.id(), outcome, facts, job.queue(), admission);
        admission.settle(handover.next());
        return handover;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
