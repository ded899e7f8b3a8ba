package dev.sluice.queue;

import dev.sluice.store.Job;
import dev.sluice.worker.ProcessTree;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Stops the processes of a job that no run of this server watches any more: its recorded worker, and every process carrying its id. */
final class LeftoverProcesses {

    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private LeftoverProcesses() {
    }

    static void stop(Job job) {
        Optional<ProcessHandle> worker = job.worker().flatMap(w -> ProcessHandle.of(w.pid())
                .filter(p -> p.info().startInstant().map(s -> sameProcess(s, w.started())).orElse(false)));
        ProcessTree.terminate(worker, Optional.of(job.id()), GRACE);
    }

    // why: the recorded start is taken just after the launch, not read from the kernel; a reused pid starts far later
    private static boolean sameProcess(Instant actual, Instant recorded) {
        return Duration.between(actual, recorded).abs().compareTo(START_TOLERANCE) < 0;
    }
}
