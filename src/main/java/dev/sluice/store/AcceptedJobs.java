package dev.sluice.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accepted jobs of every queue in the order they start ({@link WaitingLine}), kept in memory beside the table:
 * the store alone writes the table (one server per data folder), so the next job to claim, a queue's length and a
 * job's place in it need no query. Changed only inside the write that changes the table; read afresh when a write
 * fails.
 */
final class AcceptedJobs {

    private final Map<String, WaitingLine> queues = new HashMap<>();

    synchronized void replaceAll(Map<String, List<QueuedJob>> acceptedByQueue) {
        queues.clear();
        acceptedByQueue.forEach((queue, jobs) -> jobs.forEach(job -> add(queue, job)));
    }

    synchronized void add(String queue, QueuedJob job) {
        queues.computeIfAbsent(queue, q -> new WaitingLine()).add(job);
    }

    /** Adds a job the store has just accepted or put back. */
    synchronized void add(Job job) {
        add(job.queue(), new QueuedJob(job.sequence(), job.id(), job.task(), JobState.ACCEPTED, Optional.empty(), job.standing()));
    }

    synchronized void remove(String queue, long sequence) {
        WaitingLine line = queues.get(queue);
        if (line != null) {
            line.remove(sequence);
        }
    }

    synchronized Optional<QueuedJob> first(String queue, Instant now) {
        WaitingLine line = queues.get(queue);
        return line == null ? Optional.empty() : line.first(now);
    }

    synchronized int count(String queue) {
        WaitingLine line = queues.get(queue);
        return line == null ? 0 : line.size();
    }

    /**
     * When a new job of the queue is promoted: its {@code promoteAfter} from now, or later if an earlier job of its
     * priority is promoted later (after a clock step back, or a shorter `promote-after` than before a restart).
     */
    synchronized Instant promotion(String queue, Precedence precedence, Instant now) {
        Instant own = now.plus(precedence.promoteAfter());
        WaitingLine line = queues.get(queue);
        return line == null ? own : line.lastPromotion(precedence.priority(), now).filter(own::isBefore).orElse(own);
    }

    /** How many accepted jobs of the queue start before the job of this sequence. */
    synchronized int ahead(String queue, long sequence, Instant now) {
        WaitingLine line = queues.get(queue);
        return line == null ? 0 : line.ahead(sequence, now);
    }
}
