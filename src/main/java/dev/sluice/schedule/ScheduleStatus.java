package dev.sluice.schedule;

import dev.sluice.config.ScheduleConfig;
import dev.sluice.store.JobState;
import dev.sluice.store.ScheduleTick;
import java.time.Instant;
import java.util.Optional;

/** One schedule as the admin sees it: its setting, its latest tick and what came of it, and its next tick. */
public record ScheduleStatus(String name, ScheduleConfig config, Optional<ScheduleTick> lastTick, Optional<JobState> lastJobState,
                             Instant nextTick) {

    /** `every 1h` or `cron 0 5 * * 0 (Europe/Berlin)`, for a person. */
    public String timing() {
        return config.every() != null ? "every " + dev.sluice.config.Durations.format(config.every())
                : "cron " + config.cron() + " (" + config.timeZone() + ")";
    }
}
