package dev.sluice.queue;

import dev.sluice.config.DataSize;

/**
 * The node's memory budget: a job starts only when its memory limit fits what the running jobs' limits
 * leave, so the jobs together can never be promised more than the machine has.
 */
final class MemoryBudget {

    private final long total;
    private long reserved;

    MemoryBudget(DataSize total) {
        this.total = total.bytes();
    }

    synchronized boolean tryReserve(long bytes) {
        if (reserved + bytes > total) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        reserved = Math.max(0, reserved - bytes);
    }

    /** What the running jobs' limits hold of the budget, for the admin page. */
    synchronized MemoryUse use() {
        return new MemoryUse(total, reserved);
    }

    synchronized String describeShortfall(long needed) {
        return "waiting for memory: needs " + new DataSize(needed) + ", " + new DataSize(total - reserved) + " of the "
                + new DataSize(total) + " node budget is free";
    }
}
