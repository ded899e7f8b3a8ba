package dev.sluice.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A job as the store last committed it. */
public record Job(
        JobId id,
        long sequence,
        String task,
        String queue,
        JobState state,
        Optional<FailureReason> reason,
        String message,
        Optional<Integer> progress,
        Map<String, String> inputs,
        int attempts,
        int maxRetries,
        Optional<WorkerProcess> worker,
        Optional<Long> peakMemory,
        Instant created,
        Optional<Instant> started,
        Optional<Instant> finished,
        Instant updated) {

    /** The operating-system process that runs (or ran) the job, identified by pid and start time against pid reuse. */
    public record WorkerProcess(long pid, Instant started) {
    }

    public boolean retriesLeft() {
        return attempts <= maxRetries;
    }
}
