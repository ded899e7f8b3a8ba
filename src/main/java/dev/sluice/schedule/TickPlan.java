package dev.sluice.schedule;

import dev.sluice.config.ScheduleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a schedule does now: fire a tick, record one as missed, or nothing yet. A tick is on time when it is the
 * only one due and at most {@link #GRACE} late; otherwise ticks were missed (the server was down) and `catch-up`
 * decides: `once` fires the latest missed tick (one run, never a burst), `skip` records it as missed.
 */
public record TickPlan(Instant at, boolean fire) {

    /** How late a tick may be found and still count as on time (a busy machine, a long pause of the JVM). */
    public static final Duration GRACE = Duration.ofMinutes(1);

    /** {@code last}: the latest recorded tick; {@code since}: when the schedule was first seen, if it has none. */
    static Optional<TickPlan> at(Recurrence recurrence, Optional<Instant> last, Instant since, Instant now, ScheduleConfig.CatchUp catchUp) {
        Instant next = recurrence.next(last.orElse(since));
        if (next.isAfter(now)) {
            return Optional.empty();
        }
        Instant latest = recurrence.latestAtOrBefore(now).filter(t -> !t.isBefore(next)).orElse(next);
        boolean onTime = latest.equals(next) && !Duration.between(latest, now).minus(GRACE).isPositive();
        return Optional.of(new TickPlan(latest, onTime || catchUp == ScheduleConfig.CatchUp.ONCE));
    }
}
