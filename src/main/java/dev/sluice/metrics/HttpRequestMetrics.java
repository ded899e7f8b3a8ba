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

    HttpRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One answered request; {@code route} must be a route template such as {@code /jobs/{id}}, never a raw path. */
    public void answered(String method, String route, int status) {
        Counter.builder("sluice.http.requests").description("HTTP requests answered, by route template")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).increment();
    }

    /** Publishes how many event streams are open, read from {@code open} at each scrape. */
    public void followEventStreams(IntSupplier open) {
        Gauge.builder("sluice.event.streams.open", open::getAsInt).description("Server-sent event streams open")
                .strongReference(true).register(registry);
    }
}
