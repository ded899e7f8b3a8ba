package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.metrics.Readiness;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * `GET /health/ready`: 200 while this node should be sent work, else 503; both name each check and its result, so
 * a load balancer and a person read the same small document.
 */
final class ReadinessRoutes {

    private final Readiness readiness;
    private final ObjectMapper json;

    ReadinessRoutes(Readiness readiness, ObjectMapper json) {
        this.readiness = readiness;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        Readiness.Report report = readiness.check();
        ObjectNode doc = json.createObjectNode();
        doc.put("status", report.ready() ? "ready" : "not-ready");
        ObjectNode checks = doc.putObject("checks");
        report.checks().forEach(checks::put);
        if (!report.ready()) {
            doc.putArray("failed").addAll(report.failed().stream().map(doc.arrayNode()::textNode).toList());
            ctx.status(503).header("Retry-After", "5");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(doc);
    }
}
