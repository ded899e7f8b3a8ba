package dev.sluice.metrics;

import dev.sluice.schedule.RetentionSweeper;
import dev.sluice.store.ScheduleTick;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts schedule ticks by schedule and outcome (fired, missed, overlap), and what retention removed. */
final class ClockMetrics {

    private final MeterRegistry registry;
    private final Counter removedJobs;
    private final Counter freedBytes;

    ClockMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.removedJobs = Counter.builder("sluice.retention.removed.jobs").description("Finished jobs removed by retention")
                .register(registry);
        this.freedBytes = Counter.builder("sluice.retention.freed.bytes").description("Bytes of job folders removed by retention")
                .register(registry);
    }

    void ticked(ScheduleTick tick) {
        Counter.builder("sluice.schedule.ticks").description("Schedule ticks recorded, by what came of them")
                .tag("schedule", tick.schedule()).tag("outcome", tick.outcome().wire()).register(registry).increment();
    }

    void swept(RetentionSweeper.Sweep sweep) {
        removedJobs.increment(sweep.jobs());
        freedBytes.increment(sweep.bytes());
    }
}
