package dev.sluice.queue;

import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.worker.Run;
import dev.sluice.worker.WorkerInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The runs this node has in hand, each with a future that completes with the job as its run left it. */
final class ActiveRuns {

    private record ActiveRun(Run run, CompletableFuture<Job> ended) {
    }

    private final Map<JobId, ActiveRun> runs = new ConcurrentHashMap<>();

    void started(Run run) {
        runs.put(run.job().id(), new ActiveRun(run, new CompletableFuture<>()));
    }

    /** The run of the job is over; whoever waits for it gets the job as it then was. */
    void ended(JobId id, Job asLeft) {
        ActiveRun entry = runs.remove(id);
        if (entry != null) {
            entry.ended().complete(asLeft);
        }
    }

    Optional<Run> get(JobId id) {
        return Optional.ofNullable(runs.get(id)).map(ActiveRun::run);
    }

    /** Cancels the job's run and waits for it to end; empty when this node does not run the job. */
    Optional<Job> cancelAndAwait(JobId id) {
        ActiveRun entry = runs.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        entry.run().cancel();
        return Optional.of(entry.ended().join());
    }

    Set<JobId> ids() {
        return Set.copyOf(runs.keySet());
    }

    int size() {
        return runs.size();
    }

    List<Run> all() {
        return runs.values().stream().map(ActiveRun::run).toList();
    }

    List<WorkerInfo> workers() {
        return runs.values().stream().flatMap(a -> a.run().worker().stream()).toList();
    }

    /** Waits up to {@code wait} for every run in hand now to end; false if some had not. */
    boolean awaitAll(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (ActiveRun a : List.copyOf(runs.values())) {
            try {
                a.ended().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException impossible) {
                // ended futures are only ever completed normally
            }
        }
        return true;
    }
}
