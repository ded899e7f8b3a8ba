package dev.sluice.queue;

import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.QueuedJob;
import dev.sluice.store.WaitingLine;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
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

    // why: a job near the end of a long queue (every new one) tallies those behind it and subtracts them from the
    // queue's totals instead of walking the thousands ahead; beyond this many behind, walking ahead is as cheap
    private static final int BEHIND_WALKED = 256;

    private final Map<String, Line> queues = new HashMap<>();
    private final Map<Long, Boolean> ended = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };

    /**
     * What lies ahead of one waiting job: the running jobs, the tasks of the first waiting jobs ahead in order,
     * and how many of each task wait between those and the job.
     */
    record Ahead(List<QueuedJob> running, List<String> next, Map<String, Integer> later) {
    }

    /** A running job and the attempt it is on, to tell a late report from a new one. */
    private record RunningLine(QueuedJob job, int attempts) {
    }

    /** One queue's running jobs by sequence and waiting jobs in the order they start, with a tally of the waiting by task. */
    private static final class Line {
        final NavigableMap<Long, RunningLine> running = new TreeMap<>();
        final WaitingLine waiting = new WaitingLine();
        final Map<Long, Integer> waitingAttempts = new HashMap<>();
        final Map<String, Integer> waitingByTask = new HashMap<>();

        boolean contains(long seq) {
            return running.containsKey(seq) || waitingAttempts.containsKey(seq);
        }

        int attempts(long seq) {
            RunningLine line = running.get(seq);
            return line != null ? line.attempts() : waitingAttempts.getOrDefault(seq, 0);
        }

        void remove(long seq) {
            running.remove(seq);
            waitingAttempts.remove(seq);
            waiting.remove(seq).ifPresent(was -> waitingByTask.merge(was.task(), -1, (a, b) -> a + b == 0 ? null : a + b));
        }

        void put(QueuedJob job, int attempts) {
            remove(job.sequence());
            if (job.state() == JobState.RUNNING) {
                running.put(job.sequence(), new RunningLine(job, attempts));
            } else {
                waiting.add(job);
                waitingAttempts.put(job.sequence(), attempts);
                waitingByTask.merge(job.task(), 1, Integer::sum);
            }
        }
    }

    synchronized void load(JobStore store, Collection<String> names) {
        for (String queue : names) {
            Line line = queues.computeIfAbsent(queue, q -> new Line());
            store.lineUp(queue).forEach(job -> {
                if (!line.contains(job.sequence())) {
                    line.put(job, 0);
                }
            });
        }
    }

    synchronized void apply(Job job) {
        long seq = job.sequence();
        if (ended.containsKey(seq)) {
            return;
        }
        Line line = queues.computeIfAbsent(job.queue(), q -> new Line());
        if (line.contains(seq) && job.attempts() < line.attempts(seq)) {
            return;
        }
        if (job.state().isFinal()) {
            line.remove(seq);
            ended.put(seq, Boolean.TRUE);
            return;
        }
        line.put(new QueuedJob(seq, job.id(), job.task(), job.state(), job.started(), job.standing()), job.attempts());
    }

    /** How many jobs of the queue wait to start. */
    synchronized int waiting(String queue) {
        Line line = queues.get(queue);
        return line == null ? 0 : line.waiting.size();
    }

    /** How many jobs of the queue run. */
    synchronized int running(String queue) {
        Line line = queues.get(queue);
        return line == null ? 0 : line.running.size();
    }

    /**
     * What is ahead of the job of this sequence in the queue at {@code now}, with up to {@code inOrder} waiting
     * tasks in the order they start.
     */
    synchronized Ahead ahead(String queue, long sequence, int inOrder, Instant now) {
        Line line = queues.get(queue);
        if (line == null) {
            return new Ahead(List.of(), List.of(), Map.of());
        }
        List<QueuedJob> running = new ArrayList<>(line.running.size());
        line.running.values().forEach(l -> running.add(l.job()));
        List<String> next = new ArrayList<>();
        if (line.waiting.get(sequence).isEmpty()) {
            return new Ahead(running, next, Map.of());
        }
        boolean reached = false;
        for (Iterator<QueuedJob> front = line.waiting.fromFront(now); front.hasNext() && next.size() < inOrder; ) {
            QueuedJob waiting = front.next();
            if (waiting.sequence() == sequence) {
                reached = true;
                break;
            }
            next.add(waiting.task());
        }
        Map<String, Integer> later = reached ? Map.of() : laterThan(line, next, sequence, now);
        return new Ahead(running, next, later);
    }

    private static Map<String, Integer> laterThan(Line line, List<String> next, long sequence, Instant now) {
        Map<String, Integer> behind = new HashMap<>();
        int walked = 0;
        for (Iterator<QueuedJob> back = line.waiting.fromBack(now); back.hasNext(); ) {
            QueuedJob waiting = back.next();
            if (++walked > BEHIND_WALKED) {
                return walkedAhead(line, next.size(), sequence, now);
            }
            behind.merge(waiting.task(), 1, Integer::sum);
            if (waiting.sequence() == sequence) {
                break;
            }
        }
        Map<String, Integer> later = new HashMap<>(line.waitingByTask);
        behind.forEach((task, n) -> later.merge(task, -n, Integer::sum));
        next.forEach(task -> later.merge(task, -1, Integer::sum));
        later.values().removeIf(n -> n <= 0);
        return later;
    }

    private static Map<String, Integer> walkedAhead(Line line, int skipped, long sequence, Instant now) {
        Map<String, Integer> later = new HashMap<>();
        int seen = 0;
        for (Iterator<QueuedJob> front = line.waiting.fromFront(now); front.hasNext(); ) {
            QueuedJob waiting = front.next();
            if (waiting.sequence() == sequence) {
                break;
            }
            if (++seen > skipped) {
                later.merge(waiting.task(), 1, Integer::sum);
            }
        }
        return later;
    }
}
