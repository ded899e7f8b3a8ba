package dev.sluice.schedule;

import dev.sluice.config.ScheduleConfig;
import java.time.Instant;
import java.util.Optional;

/** When a schedule ticks: the tick after an instant, and the latest tick at or before one. */
public interface Recurrence {

    /** The first tick strictly after {@code after}. */
    Instant next(Instant after);

    /** The latest tick at or before {@code now}, if there is one. */
    Optional<Instant> latestAtOrBefore(Instant now);

    static Recurrence of(ScheduleConfig schedule) {
        return schedule.every() != null ? new EveryRecurrence(schedule.every()) : CronRecurrence.parse(schedule.cron(), schedule.zone());
    }
}
