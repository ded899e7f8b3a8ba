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
    private final Set<Run> abandoned = ConcurrentHashMap.newKeySet();

    void started(Run run) {
        runs.put(run.job().id(), new ActiveRun(run, new CompletableFuture<>()));
    }

    /** The run is over; whoever waits for it gets the job as it then was. */
    void ended(Run run, Job asLeft) {
        abandoned.remove(run);
        ActiveRun[] entry = new ActiveRun[1];
        // why: by identity, so a run abandoned long ago never takes a later run of its job out of the map
        runs.computeIfPresent(run.job().id(), (id, current) -> {
            if (current.run() != run) {
                return current;
            }
            entry[0] = current;
            return null;
        });
        if (entry[0] != null) {
            entry[0].ended().complete(asLeft);
        }
    }

    /**
     * Marks every run in hand now as abandoned (their node lost its lease, so none of their ends may be recorded) and
     * returns them, to be stopped.
     */
    List<Run> abandonAll() {
        List<Run> all = all();
        abandoned.addAll(all);
        return all;
    }

    /** Whether the run was abandoned: whatever it ends with is not to be recorded. */
    boolean abandoned(Run run) {
        return abandoned.contains(run);
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
