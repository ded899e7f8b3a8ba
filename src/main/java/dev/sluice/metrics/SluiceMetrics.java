package dev.sluice.metrics;

import dev.sluice.config.SluiceConfig;
import dev.sluice.events.JobObserver;
import dev.sluice.queue.QueueEstimates;
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

    // why: filters set after a meter is registered do not apply to it (and Micrometer warns), so they come first
    private final PrometheusMeterRegistry registry = filtered(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JobMetrics jobs = new JobMetrics(registry);
    private final WorkerMetrics workers = new WorkerMetrics(registry);
    private final HttpRequestMetrics http = new HttpRequestMetrics(registry);
    private final ClockMetrics clock = new ClockMetrics(registry);
    // why: the text writer takes a lock per character it writes; on a virtual thread (every request's) that made a
    // scrape three times slower than on a platform thread, so scrapes run on this one
    private final ExecutorService scraper = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("metrics-scrape").factory());

    public SluiceMetrics() {
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
            return scraper.submit(() -> registry.scrape()).get();
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
