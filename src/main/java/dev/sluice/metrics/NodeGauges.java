package dev.sluice.metrics;

import dev.sluice.config.SluiceConfig;
import dev.sluice.queue.QueueEstimates;
import dev.sluice.worker.TaskHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/** Gauges read at each scrape from memory: queue depth and running jobs per queue, broken tasks, disk free. */
final class NodeGauges {

    private NodeGauges() {
    }

    static void register(MeterRegistry registry, SluiceConfig config, QueueEstimates queues, TaskHealth health, Path dataDir,
                         ToLongFunction<Path> usableSpace) {
        for (String queue : config.queues().keySet()) {
            Gauge.builder("sluice.queue.waiting", queues, q -> q.waiting(queue)).description("Jobs waiting to start")
                    .tag("queue", queue).strongReference(true).register(registry);
            Gauge.builder("sluice.queue.running", queues, q -> q.running(queue)).description("Jobs running")
                    .tag("queue", queue).strongReference(true).register(registry);
            Gauge.builder("sluice.queue.concurrency", () -> config.queues().get(queue).slotsPerNode())
                    .description("Jobs the queue may run at once").tag("queue", queue).strongReference(true).register(registry);
        }
        Gauge.builder("sluice.tasks.broken", health, h -> config.tasks().keySet().stream().filter(t -> h.broken(t).isPresent()).count())
                .description("Tasks marked broken (failed preflight or crash loop)").strongReference(true).register(registry);
        Gauge.builder("sluice.data.dir.free", dataDir, dir -> usableSpace.applyAsLong(dir))
                .description("Usable space on the disk of the data folder").baseUnit("bytes").strongReference(true).register(registry);
    }
}
