package dev.sluice.http;

import dev.sluice.metrics.HttpRequestMetrics;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.List;

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
        if (matched != null) {
            return matched.path;
        }
        if (ctx.statusCode() == 404) {
            return HttpRequestMetrics.UNMATCHED;
        }
        // why: a guard that refused the request (the admin's, say) ran before any route matched; its path pattern
        // (such as /admin/*) is as bounded as a route's and says more than "unmatched"
        List<Endpoint> visited = ctx.endpoints().list();
        for (int i = visited.size() - 1; i >= 0; i--) {
            String path = visited.get(i).path;
            if (!path.equals("*") && !path.isEmpty()) {
                return path;
            }
        }
        return HttpRequestMetrics.UNMATCHED;
    }
}
