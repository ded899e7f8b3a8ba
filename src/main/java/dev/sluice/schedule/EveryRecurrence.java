package dev.sluice.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * `every: 1h`: ticks at whole multiples of the interval since 1970-01-01T00:00Z (every hour on the hour, every day
 * at midnight UTC), so every restart and every node agrees on the tick times.
 */
record EveryRecurrence(Duration every) implements Recurrence {

    @Override
    public Instant next(Instant after) {
        long step = every.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(after.toEpochMilli(), step) * step + step);
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant now) {
        long step = every.toMillis();
        return Optional.of(Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step));
    }
}
