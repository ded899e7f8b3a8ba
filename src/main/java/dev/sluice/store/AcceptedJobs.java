package dev.sluice.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The accepted jobs of every queue in submission order, kept in memory beside the table: the store alone writes
 * the table (one server per data folder), so the next job to claim, a queue's length and a job's place in it
 * need no query. Changed only inside the write that changes the table; read afresh when a write fails.
 */
final class AcceptedJobs {

    // why: a job near the end of a long queue (every new one) counts those behind it and takes them from the
    // queue's length instead of walking the thousands ahead
    private static final int BEHIND_WALKED = 256;

    private final Map<String, NavigableMap<Long, QueuedJob>> queues = new HashMap<>();

    synchronized void replaceAll(Map<String, List<QueuedJob>> acceptedByQueue) {
        queues.clear();
        acceptedByQueue.forEach((queue, jobs) -> jobs.forEach(job -> add(queue, job)));
    }

    synchronized void add(String queue, QueuedJob job) {
        queues.computeIfAbsent(queue, q -> new TreeMap<>()).put(job.sequence(), job);
    }

    synchronized void remove(String queue, long sequence) {
        NavigableMap<Long, QueuedJob> line = queues.get(queue);
        if (line != null) {
            line.remove(sequence);
        }
    }

    synchronized Optional<QueuedJob> first(String queue) {
        NavigableMap<Long, QueuedJob> line = queues.get(queue);
        return line == null || line.isEmpty() ? Optional.empty() : Optional.of(line.firstEntry().getValue());
    }

    synchronized int count(String queue) {
        NavigableMap<Long, QueuedJob> line = queues.get(queue);
        return line == null ? 0 : line.size();
    }

    /** How many accepted jobs of the queue come before the job of this sequence. */
    synchronized int ahead(String queue, long sequence) {
        NavigableMap<Long, QueuedJob> line = queues.get(queue);
        if (line == null) {
            return 0;
        }
        int atOrBehind = 0;
        for (Long ignored : line.tailMap(sequence, true).keySet()) {
            if (++atOrBehind > BEHIND_WALKED) {
                return line.headMap(sequence, false).size();
            }
        }
        return line.size() - atOrBehind;
    }
}
