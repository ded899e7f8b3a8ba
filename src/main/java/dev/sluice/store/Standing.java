package dev.sluice.store;

import java.time.Instant;

/**
 * Where a waiting job stands in its queue's order: its priority, and the instant from which it is promoted, that is
 * goes ahead of every job submitted after it whatever their priority (the rule that keeps low priorities from
 * starving). Fixed when the job is accepted; a retry keeps it.
 */
public record Standing(int priority, Instant promotedAt) {

    public boolean promotedBy(Instant now) {
        return !now.isBefore(promotedAt);
    }
}
