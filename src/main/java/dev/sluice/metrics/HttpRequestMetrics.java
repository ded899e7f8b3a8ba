package dev.sluice.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/** Counts HTTP requests by method, route template and status, and follows the open event streams. */
public final class HttpRequestMetrics {

    /** The route label of a request that matched no route, so unknown paths cannot add series. */
    public static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;
    // why: building a meter's id (tags sorted, merged, compared) cost a static file more than a tenth of its time;
    // the keys are bounded as the series are (route templates, methods, statuses)
    private final java.util.concurrent.ConcurrentHashMap<Answer, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    private record Answer(String method, String route, int status) {
    }

    HttpRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One answered request; {@code route} must be a route template such as {@code /jobs/{id}}, never a raw path. */
    public void answered(String method, String route, int status) {
        counters.computeIfAbsent(new Answer(method, route, status), a -> Counter.builder("sluice.http.requests")
                .description("HTTP requests answered, by route template")
                .tag("method", a.method()).tag("route", a.route()).tag("status", Integer.toString(a.status()))
                .register(registry)).increment();
    }

    /** Publishes how many event streams are open, read from {@code open} at each scrape. */
    public void followEventStreams(IntSupplier open) {
        Gauge.builder("sluice.event.streams.open", open::getAsInt).description("Server-sent event streams open")
                .strongReference(true).register(registry);
    }
}
