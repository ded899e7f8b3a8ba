package dev.sluice.events;

import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recent events of one watched job in a bounded ring. Every subscriber reads the same ring from its own
 * cursor, so a publisher writes each event once however many watch, and a slow reader holds up nobody.
 * why: a lock and condition rather than synchronized, so a waiting virtual thread never pins its carrier.
 */
final class JobChannel {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<JobEvent.Numbered> ring = new ArrayDeque<>();
    private long evictedUpTo;
    private long lastId;
    private int subscribers;
    private long idleSince;
    private Job lastKnown;

    /** Every event of this job with an id above {@code coveredFrom} will be in the ring until it is pushed out. */
    JobChannel(long coveredFrom, int capacity, long nowNanos) {
        this.capacity = capacity;
        this.evictedUpTo = coveredFrom;
        this.lastId = coveredFrom;
        this.idleSince = nowNanos;
    }

    void publish(JobEvent event, AtomicLong ids) {
        lock.lock();
        try {
            if (event instanceof JobEvent.StateChanged changed) {
                if (isStale(changed.job()) || changed.job().equals(lastKnown)) {
                    return;
                }
                lastKnown = changed.job();
            }
            long id = ids.incrementAndGet();
            ring.addLast(new JobEvent.Numbered(id, event));
            lastId = id;
            if (ring.size() > capacity) {
                evictedUpTo = ring.removeFirst().id();
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The events after {@code after}, waiting up to {@code waitNanos} for one; an empty list when none came,
     * null when some of them are no longer in the ring (or {@code after} was never an id of this channel).
     */
    List<JobEvent.Numbered> after(long after, long waitNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = waitNanos;
            while (true) {
                if (!covers(after)) {
                    return null;
                }
                if (lastId > after) {
                    List<JobEvent.Numbered> newer = new ArrayList<>();
                    for (Iterator<JobEvent.Numbered> it = ring.descendingIterator(); it.hasNext(); ) {
                        JobEvent.Numbered e = it.next();
                        if (e.id() <= after) {
                            break;
                        }
                        newer.add(e);
                    }
                    return newer.reversed();
                }
                if (left <= 0) {
                    return List.of();
                }
                left = arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean covers(long after) {
        lock.lock();
        try {
            return after >= evictedUpTo && after <= lastId;
        } finally {
            lock.unlock();
        }
    }

    long lastId() {
        lock.lock();
        try {
            return lastId;
        } finally {
            lock.unlock();
        }
    }

    /** What a snapshot read from the store says, when no event has told this channel the job's state yet. */
    void know(Job job) {
        lock.lock();
        try {
            if (lastKnown == null) {
                lastKnown = job;
            }
        } finally {
            lock.unlock();
        }
    }

    Job lastKnown() {
        lock.lock();
        try {
            return lastKnown;
        } finally {
            lock.unlock();
        }
    }

    boolean waitsIn(String queue) {
        Job job = lastKnown();
        return job != null && job.state() == JobState.ACCEPTED && job.queue().equals(queue);
    }

    void subscribed() {
        lock.lock();
        try {
            subscribers++;
        } finally {
            lock.unlock();
        }
    }

    void unsubscribed(long nowNanos) {
        lock.lock();
        try {
            subscribers--;
            if (subscribers == 0) {
                idleSince = nowNanos;
            }
        } finally {
            lock.unlock();
        }
    }

    boolean idleLongerThan(long nanos, long nowNanos) {
        lock.lock();
        try {
            return subscribers == 0 && nowNanos - idleSince > nanos;
        } finally {
            lock.unlock();
        }
    }

    // why: a commit's observer call can arrive after a later one's (the insert's after the claim's); an older
    // attempt, or anything after a final state, would show the job going backwards
    private boolean isStale(Job job) {
        return lastKnown != null && (lastKnown.state().isFinal() || job.attempts() < lastKnown.attempts());
    }
}
