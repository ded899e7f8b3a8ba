package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.config.DataSize;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory that images being decoded may hold at once (`server.decode-memory`): their rasters on the heap and
 * what decoders keep outside it. Uploads decoded together wait for each other rather than exhaust the machine; the
 * rasters alone also stay within half the heap the whole server lives in.
 */
final class DecodeMemory {

    private static final int KB = 1024;
    // why: a client waits this long at most behind other decodes; then it is told to come back, not left hanging
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private final long budget;
    private final long heapShare;
    private final Semaphore kilobytes;

    DecodeMemory(DataSize budget, long heapShare) {
        this.budget = budget.bytes();
        this.heapShare = heapShare;
        this.kilobytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, this.budget / KB), true);
    }

    static DecodeMemory of(DataSize budget) {
        return new DecodeMemory(budget, Runtime.getRuntime().maxMemory() / 2);
    }

    /** The whole budget: what one decode may need at most. */
    long budget() {
        return budget;
    }

    /** The most a decode's rasters may take, when the decoder itself needs {@code outsideHeap} of the budget. */
    long rasterBudget(long outsideHeap) {
        return Math.min(heapShare, budget - outsideHeap);
    }

    /** Waits until {@code bytes} (at most the budget) are free and holds them until the lease is closed. */
    Lease hold(long bytes) {
        int permits = (int) Math.max(1, Math.min(budget, bytes) / KB);
        try {
            if (!kilobytes.tryAcquire(permits, LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        return () -> kilobytes.release(permits);
    }

    private static SluiceException busy() {
        return new SluiceException(503, "decoding-busy", "Busy decoding images",
                "other uploaded images are being decoded and take all of server.decode-memory; nothing was accepted; "
                        + "try again shortly", Map.of("retryAfter", 10));
    }

    /** Memory held for one decode; closing it gives the memory back. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
