package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of `schedules:`: a task run with fixed inputs `every` so long or at the times a Unix `cron` expression
 * names (in `time-zone`), with what to do about ticks missed while the server was down and about a run that is
 * still queued or running when the next tick comes.
 */
public record ScheduleConfig(Duration every, String cron, String timeZone, String task, Map<String, JsonNode> inputs,
                             CatchUp catchUp, Overlap overlap) {

    /** After downtime: run the missed tick once, or skip it. */
    public enum CatchUp {
        @JsonProperty("once") ONCE,
        @JsonProperty("skip") SKIP
    }

    /** When the previous run is still queued or running at a tick: skip the tick, or queue another run. */
    public enum Overlap {
        @JsonProperty("skip") SKIP,
        @JsonProperty("queue") QUEUE
    }

    public ScheduleConfig {
        timeZone = timeZone == null ? "UTC" : timeZone;
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        catchUp = catchUp == null ? CatchUp.ONCE : catchUp;
        overlap = overlap == null ? Overlap.SKIP : overlap;
    }

    /** The zone the cron expression is read in; UTC when `time-zone` is not a zone (the config check says so). */
    public ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (java.time.DateTimeException unknown) {
            return ZoneId.of("UTC");
        }
    }
}
