package dev.sluice.queue;

import dev.sluice.store.Job;
import dev.sluice.store.JobStore;
import dev.sluice.store.QueuedJob;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The waiting and running jobs of every queue, in memory: read from the store once at start-up, before any
 * job moves, then kept up to date from each committed change, so an estimate never asks the database.
 */
final class QueueLineUps {

    // why: a commit's report can arrive after a later one's (the insert's after the claim's); ended jobs are
    // remembered a while so a late report cannot bring one back
    private static final int ENDED_REMEMBERED = 10_000;

    private final Map<String, NavigableMap<Long, QueuedLine>> queues = new HashMap<>();
    private final Map<Long, Boolean> ended = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };

    /** A job in line and the attempt it is on, to tell a late report from a new one. */
    private record QueuedLine(QueuedJob job, int attempts) {
    }

    synchronized void load(JobStore store, Collection<String> names) {
        for (String queue : names) {
            NavigableMap<Long, QueuedLine> line = queues.computeIfAbsent(queue, q -> new TreeMap<>());
            store.lineUp(queue).forEach(job -> line.putIfAbsent(job.sequence(), new QueuedLine(job, 0)));
        }
    }

    synchronized void apply(Job job) {
        long seq = job.sequence();
        if (ended.containsKey(seq)) {
            return;
        }
        NavigableMap<Long, QueuedLine> line = queues.computeIfAbsent(job.queue(), q -> new TreeMap<>());
        QueuedLine known = line.get(seq);
        if (known != null && job.attempts() < known.attempts()) {
            return;
        }
        if (job.state().isFinal()) {
            line.remove(seq);
            ended.put(seq, Boolean.TRUE);
            return;
        }
        line.put(seq, new QueuedLine(new QueuedJob(seq, job.task(), job.state(), job.started()), job.attempts()));
    }

    /** The queue's waiting and running jobs in submission order. */
    synchronized List<QueuedJob> of(String queue) {
        NavigableMap<Long, QueuedLine> line = queues.get(queue);
        List<QueuedJob> jobs = new ArrayList<>(line == null ? 0 : line.size());
        if (line != null) {
            line.values().forEach(l -> jobs.add(l.job()));
        }
        return jobs;
    }
}
