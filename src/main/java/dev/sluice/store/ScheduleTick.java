package dev.sluice.store;

import java.time.Instant;
import java.util.Optional;

/** One recorded tick of a schedule: when it was due, what came of it, and the job it started, if any. */
public record ScheduleTick(String schedule, Instant at, Outcome outcome, Optional<JobId> job) {

    /** What a tick did. */
    public enum Outcome {
        /** It started a job. */
        FIRED,
        /** It fell in downtime and `catch-up: skip` let it pass. */
        MISSED,
        /** The previous run was still queued or running and `overlap: skip` let it pass. */
        OVERLAP;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Outcome fromWire(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
