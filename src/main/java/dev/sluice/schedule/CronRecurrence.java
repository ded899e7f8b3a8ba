package dev.sluice.schedule;

import com.cronutils.model.time.ExecutionTime;
import dev.sluice.config.CronExpression;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * `cron: "0 5 * * 0"` (see {@link CronExpression}) read on the wall clock of a time zone. Around daylight saving changes: a wall-clock time that does not exist (spring forward)
 * fires at the first instant after the gap; one that happens twice (fall back) fires once, at its first occurrence.
 * why: the expression is evaluated on wall-clock times (as if in UTC) and each time is then placed in the zone by
 * these two rules, rather than left to the library, which skips a day whose time falls in a gap
 */
final class CronRecurrence implements Recurrence {

    private final ExecutionTime times;
    private final ZoneId zone;

    private CronRecurrence(ExecutionTime times, ZoneId zone) {
        this.times = times;
        this.zone = zone;
    }

    /** Throws IllegalArgumentException saying what is wrong with the expression. */
    static CronRecurrence parse(String expression, ZoneId zone) {
        return new CronRecurrence(ExecutionTime.forCron(CronExpression.parse(expression)), zone);
    }

    @Override
    public Instant next(Instant after) {
        LocalDateTime wall = after.atZone(zone).toLocalDateTime();
        while (true) {
            wall = nextWall(wall);
            Instant at = place(wall);
            if (at.isAfter(after)) {
                return at;
            }
        }
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant now) {
        LocalDateTime wall = now.atZone(zone).toLocalDateTime().plusNanos(1_000_000);
        for (int tries = 0; tries < 3; tries++) {
            Optional<ZonedDateTime> last = times.lastExecution(wall.atZone(ZoneOffset.UTC));
            if (last.isEmpty()) {
                return Optional.empty();
            }
            wall = last.get().toLocalDateTime();
            Instant at = place(wall);
            if (!at.isAfter(now)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private LocalDateTime nextWall(LocalDateTime wall) {
        return times.nextExecution(wall.atZone(ZoneOffset.UTC)).orElseThrow(() -> new IllegalStateException("no next time"))
                .toLocalDateTime();
    }

    private Instant place(LocalDateTime wall) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wall);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.ofLocal(wall, zone, null).toInstant();
    }
}
