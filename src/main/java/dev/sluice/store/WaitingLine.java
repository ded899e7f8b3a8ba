package dev.sluice.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One queue's waiting jobs in the order they start: promoted jobs first, in submission order; then the others by
 * priority, highest first, in submission order within a priority. A job is promoted once its {@link Standing}'s
 * instant has passed, so a job of low priority is passed by later ones of higher priority only until then.
 * Not thread-safe: its owner guards it.
 */
public final class WaitingLine {

    // why: a job near the end of a long line (every new one) counts those behind it and takes them from the
    // line's length instead of walking the thousands ahead; beyond this many behind, walking ahead is as cheap
    private static final int BEHIND_WALKED = 256;

    private static final Comparator<QueuedJob> BY_RANK = Comparator
            .comparingInt((QueuedJob job) -> -job.standing().priority()).thenComparingLong(QueuedJob::sequence);
    private static final Comparator<QueuedJob> BY_PROMOTION = Comparator
            .comparing((QueuedJob job) -> job.standing().promotedAt()).thenComparingLong(QueuedJob::sequence);

    private final Map<Long, QueuedJob> jobs = new HashMap<>();
    private final NavigableMap<Long, QueuedJob> promoted = new TreeMap<>();
    private final NavigableSet<QueuedJob> ranked = new TreeSet<>(BY_RANK);
    private final NavigableSet<QueuedJob> unpromoted = new TreeSet<>(BY_PROMOTION);

    /** Adds the job, replacing the one of the same sequence if there is one. */
    public void add(QueuedJob job) {
        remove(job.sequence());
        jobs.put(job.sequence(), job);
        ranked.add(job);
        unpromoted.add(job);
    }

    public Optional<QueuedJob> remove(long sequence) {
        QueuedJob was = jobs.remove(sequence);
        if (was != null && promoted.remove(sequence) == null) {
            ranked.remove(was);
            unpromoted.remove(was);
        }
        return Optional.ofNullable(was);
    }

    public Optional<QueuedJob> get(long sequence) {
        return Optional.ofNullable(jobs.get(sequence));
    }

    public int size() {
        return jobs.size();
    }

    /** The job that starts next. */
    public Optional<QueuedJob> first(Instant now) {
        promote(now);
        if (!promoted.isEmpty()) {
            return Optional.of(promoted.firstEntry().getValue());
        }
        return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.first());
    }

    /**
     * When the last job of this priority still waiting to be promoted is promoted, if one is: a later job of the same
     * priority is promoted no earlier, so jobs of one priority always start in submission order.
     */
    public Optional<Instant> lastPromotion(int priority, Instant now) {
        promote(now);
        QueuedJob probe = new QueuedJob(Long.MAX_VALUE, null, null, null, Optional.empty(), new Standing(priority, Instant.EPOCH));
        QueuedJob last = ranked.floor(probe);
        return last == null || last.standing().priority() != priority ? Optional.empty() : Optional.of(last.standing().promotedAt());
    }

    /** How many jobs start before the job of this sequence; 0 when it is not in the line. */
    public int ahead(long sequence, Instant now) {
        if (!jobs.containsKey(sequence)) {
            return 0;
        }
        int atOrBehind = 0;
        for (Iterator<QueuedJob> behind = fromBack(now); behind.hasNext() && atOrBehind <= BEHIND_WALKED; ) {
            atOrBehind++;
            if (behind.next().sequence() == sequence) {
                return jobs.size() - atOrBehind;
            }
        }
        int ahead = 0;
        for (Iterator<QueuedJob> front = fromFront(now); front.next().sequence() != sequence; ) {
            ahead++;
        }
        return ahead;
    }

    /** The jobs in the order they start. */
    public Iterator<QueuedJob> fromFront(Instant now) {
        promote(now);
        return concat(promoted.values().iterator(), ranked.iterator());
    }

    /** The jobs in the reverse of the order they start. */
    public Iterator<QueuedJob> fromBack(Instant now) {
        promote(now);
        return concat(ranked.descendingIterator(), promoted.descendingMap().values().iterator());
    }

    private void promote(Instant now) {
        while (!unpromoted.isEmpty() && unpromoted.first().standing().promotedBy(now)) {
            QueuedJob due = unpromoted.pollFirst();
            ranked.remove(due);
            promoted.put(due.sequence(), due);
        }
    }

    private static Iterator<QueuedJob> concat(Iterator<QueuedJob> first, Iterator<QueuedJob> then) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || then.hasNext();
            }

            @Override
            public QueuedJob next() {
                return first.hasNext() ? first.next() : then.next();
            }
        };
    }
}
