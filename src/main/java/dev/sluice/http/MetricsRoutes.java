package dev.sluice.http;

import dev.sluice.config.ServerConfig.MetricsAccess;
import dev.sluice.metrics.SluiceMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** `GET /metrics`: every series in Prometheus text format, for the admin only unless `server.metrics: public`. */
final class MetricsRoutes {

    private final SluiceMetrics metrics;
    private final MetricsAccess access;
    private final AdminGuard admin;

    MetricsRoutes(SluiceMetrics metrics, MetricsAccess access, AdminGuard admin) {
        this.metrics = metrics;
        this.access = access;
        this.admin = admin;
    }

    void register(RoutesConfig routes) {
        routes.get("/metrics", this::metrics);
    }

    private void metrics(Context ctx) {
        if (access != MetricsAccess.PUBLIC) {
            admin.check(ctx);
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(SluiceMetrics.CONTENT_TYPE).result(metrics.scrape());
    }
}
