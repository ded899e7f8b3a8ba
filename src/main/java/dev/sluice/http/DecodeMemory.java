package dev.sluice.http;

import java.util.concurrent.Semaphore;

/**
 * The share of the heap that images being decoded may hold at once. Uploads decoded together wait for each other
 * rather than exhaust the heap the whole server lives in.
 */
final class DecodeMemory {

    private static final int KB = 1024;

    private final long budget;
    private final Semaphore kilobytes;

    DecodeMemory(long budgetBytes) {
        this.budget = budgetBytes;
        this.kilobytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, budgetBytes / KB), true);
    }

    static DecodeMemory halfOfHeap() {
        return new DecodeMemory(Runtime.getRuntime().maxMemory() / 2);
    }

    /** The most one decode may hold; a plan must fit in it. */
    long budget() {
        return budget;
    }

    /** Waits until {@code bytes} (at most the budget) are free and holds them until the lease is closed. */
    Lease hold(long bytes) {
        int permits = (int) Math.max(1, Math.min(budget, bytes) / KB);
        kilobytes.acquireUninterruptibly(permits);
        return () -> kilobytes.release(permits);
    }

    /** Memory held for one decode; closing it gives the memory back. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
