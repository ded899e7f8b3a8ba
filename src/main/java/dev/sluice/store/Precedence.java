package dev.sluice.store;

import java.time.Duration;

/**
 * How a new job is ordered in its queue: its task's priority (higher starts first) and how long it may be passed
 * by jobs of higher priority submitted after it before it goes ahead of all of them (its queue's `promote-after`).
 */
public record Precedence(int priority, Duration promoteAfter) {

    /** Submission order alone: every job is promoted at once, so priorities never reorder anything. */
    public static final Precedence FIFO = new Precedence(0, Duration.ZERO);

    public Precedence {
        if (promoteAfter.isNegative()) {
            throw new IllegalArgumentException("promoteAfter must not be negative: " + promoteAfter);
        }
    }
}
