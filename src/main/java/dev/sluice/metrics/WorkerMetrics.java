package dev.sluice.metrics;

import dev.sluice.worker.WorkerEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts warm workers started and recycled, by task. */
final class WorkerMetrics implements WorkerEvents {

    private final MeterRegistry registry;

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void workerStarted(String task) {
        Counter.builder("sluice.worker.starts").description("Warm workers started").tag("task", task)
                .register(registry).increment();
    }

    @Override
    public void workerRecycled(String task) {
        Counter.builder("sluice.worker.recycles").description("Warm workers retired after their share of jobs or for their memory")
                .tag("task", task).register(registry).increment();
    }
}
