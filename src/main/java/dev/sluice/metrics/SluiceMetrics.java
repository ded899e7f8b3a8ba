package dev.sluice.metrics;

import dev.sluice.config.SluiceConfig;
import dev.sluice.events.JobObserver;
import dev.sluice.queue.QueueEstimates;
import dev.sluice.store.ClusterStore;
import dev.sluice.worker.TaskHealth;
import dev.sluice.worker.WorkerEvents;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;

/**
 * The metrics of one node, kept in a Prometheus registry of its own: the job, worker and HTTP counters are fed by
 * the parts that see those events; the gauges are read from memory when scraped.
 */
public final class SluiceMetrics implements AutoCloseable {

    /** The Content-Type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JobMetrics jobs;
    private final WorkerMetrics workers;
    private final HttpRequestMetrics http;
    private final ClockMetrics clock;
    private volatile Optional<ClusterGauges> cluster = Optional.empty();
    // why: the text writer takes a lock per character it writes; on a virtual thread (every request's) that made a
    // scrape three times slower than on a platform thread, so scrapes run on this one
    private final ExecutorService scraper = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("metrics-scrape").factory());

    /** The metrics of a node alone: no series names a node. */
    public SluiceMetrics() {
        this(Optional.empty());
    }

    /**
     * {@code node}: the name of a node that shares its database with others; every series then carries it as the tag
     * {@code node}, so that the scrapes of several nodes can be told apart once they are put together.
     */
    public SluiceMetrics(Optional<String> node) {
        // why: filters and common tags set after a meter is registered do not apply to it (and Micrometer warns), so
        // they come before any meter
        registry = filtered(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        node.ifPresent(name -> registry.config().commonTags("node", name));
        jobs = new JobMetrics(registry);
        workers = new WorkerMetrics(registry);
        http = new HttpRequestMetrics(registry);
        clock = new ClockMetrics(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    // why: promtool's linter refuses two of Micrometer's processor series: a CPU time in nanoseconds (CPU usage
    // stays) and a gauge ending in _count, which reads as part of a histogram
    private static PrometheusMeterRegistry filtered(PrometheusMeterRegistry registry) {
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
            }
        });
        return registry;
    }

    /** Adds the gauges of queues, broken tasks and disk space; call once the queues are loaded. */
    public void followNode(SluiceConfig config, QueueEstimates queues, TaskHealth health, Path dataDir,
                           ToLongFunction<Path> usableSpace) {
        NodeGauges.register(registry, config, queues, health, dataDir, usableSpace);
    }

    /** Adds the gauges of the nodes sharing the database, read from it at each scrape. */
    public void followCluster(ClusterStore store) {
        cluster = Optional.of(ClusterGauges.register(registry, store));
    }

    /** Hears every committed job change; give it to the observed store. */
    public JobObserver jobObserver() {
        return jobs;
    }

    public WorkerEvents workerEvents() {
        return workers;
    }

    /** Counts a callback attempt's end: `delivered`, `retried` or `failed` (given up). */
    public void callbackAttempt(String outcome) {
        registry.counter("sluice.callback.attempts", "outcome", outcome).increment();
    }

    /** Hears each recorded schedule tick. */
    public void ticked(dev.sluice.store.ScheduleTick tick) {
        clock.ticked(tick);
    }

    /** Hears each retention sweep. */
    public void swept(dev.sluice.schedule.RetentionSweeper.Sweep sweep) {
        clock.swept(sweep);
    }

    public HttpRequestMetrics http() {
        return http;
    }

    /** Every series in Prometheus text format. */
    public String scrape() {
        try {
            return scraper.submit(() -> {
                cluster.ifPresent(ClusterGauges::refresh);
                return registry.scrape();
            }).get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the metrics could not be written", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the metrics were written", interrupted);
        }
    }

    @Override
    public void close() {
        scraper.shutdownNow();
        gc.close();
        registry.close();
    }
}
