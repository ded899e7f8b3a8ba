package dev.sluice.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A job as the store last committed it; {@code owner} is the key (token hash) of its submitter, if known.
 * {@code attempts} counts its runs, {@code interruptions} those of them that the server's death or stop cut short;
 * {@code standing} orders it among its queue's waiting jobs.
 */
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
        int interruptions,
        int maxRetries,
        Optional<WorkerProcess> worker,
        Optional<Long> peakMemory,
        Instant created,
        Optional<Instant> started,
        Optional<Instant> finished,
        Instant updated,
        Optional<String> owner,
        Optional<String> schedule,
        Standing standing) {

    /** The operating-system process that runs (or ran) the job, identified by pid and start time against pid reuse. */
    public record WorkerProcess(long pid, Instant started) {
    }

    /** The same job with another message (a waiting job's reason, say) and nothing else changed. */
    public Job withMessage(String newMessage) {
        return new Job(id, sequence, task, queue, state, reason, newMessage, progress, inputs, attempts, interruptions, maxRetries, worker,
                peakMemory, created, started, finished, updated, owner, schedule, standing);
    }

    /** Whether a failed run may be retried: runs cut short by the server's own death spend no retry. */
    public boolean retriesLeft() {
        return attempts - interruptions <= maxRetries;
    }
}
