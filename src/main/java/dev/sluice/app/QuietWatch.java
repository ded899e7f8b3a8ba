package dev.sluice.app;

import java.util.ArrayDeque;

/**
 * Tells, from readings of the server's own CPU time, when a server that has worked has gone quiet: it used at least
 * {@code work} of CPU since memory was last given back, and less than {@code quietBudget} over the last
 * {@code quietFor}. Times are in nanoseconds, readings in the order taken.
 */
final class QuietWatch {

    /** One reading: when it was taken, and the CPU time used by then. */
    private record Reading(long at, long cpu) {
    }

    private final long quietFor;
    private final long quietBudget;
    private final long work;
    private final ArrayDeque<Reading> readings = new ArrayDeque<>();
    private long cpuAtRelease;

    QuietWatch(long quietFor, long quietBudget, long work, long cpuNow) {
        this.quietFor = quietFor;
        this.quietBudget = quietBudget;
        this.work = work;
        this.cpuAtRelease = cpuNow;
    }

    /** Records a reading; true when memory is due to be given back now. */
    boolean due(long at, long cpu) {
        readings.addLast(new Reading(at, cpu));
        // why: the oldest reading kept is the newest one at least quietFor old, the start of the window to judge
        while (readings.size() > 1 && at - secondOldest().at() >= quietFor) {
            readings.removeFirst();
        }
        Reading start = readings.getFirst();
        return at - start.at() >= quietFor && cpu - start.cpu() < quietBudget && cpu - cpuAtRelease >= work;
    }

    /** Memory was given back; {@code cpu} is the CPU time used once that was done, its own cost included. */
    void released(long cpu) {
        cpuAtRelease = cpu;
    }

    private Reading secondOldest() {
        var it = readings.iterator();
        it.next();
        return it.next();
    }
}
