package dev.sluice.http;

import dev.sluice.metrics.HttpRequestMetrics;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** Counts each answered request under the route template it matched, so job ids in paths add no series. */
final class RequestCounting {

    private final HttpRequestMetrics metrics;

    RequestCounting(HttpRequestMetrics metrics) {
        this.metrics = metrics;
    }

    void count(Context ctx) {
        metrics.answered(ctx.method().name(), routeOf(ctx), ctx.statusCode());
    }

    private static String routeOf(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? HttpRequestMetrics.UNMATCHED : matched.path;
    }
}
