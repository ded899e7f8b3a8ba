package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import dev.sluice.web.NodeOverview;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * `GET /admin/status`: the node's worker processes (pid, memory, current job, jobs done), its queues and its
 * broken tasks, as JSON. {@link AdminGuard} lets only the admin in.
 */
final class AdminRoutes {

    private final Supplier<NodeOverview> overview;
    private final ObjectMapper json;

    AdminRoutes(Supplier<NodeOverview> overview, ObjectMapper json) {
        this.overview = overview;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/status", this::status);
    }

    private void status(Context ctx) {
        NodeOverview node = overview.get();
        ObjectNode doc = json.createObjectNode();
        ArrayNode workers = doc.putArray("workers");
        node.workers().forEach(w -> {
            ObjectNode worker = workers.addObject();
            worker.put("pid", w.pid());
            worker.put("task", w.task());
            worker.put("mode", w.mode().name().toLowerCase(java.util.Locale.ROOT));
            w.job().ifPresentOrElse(job -> worker.put("job", job.value()), () -> worker.putNull("job"));
            worker.put("jobsDone", w.jobsDone());
            worker.put("memory", w.memoryBytes());
            worker.put("started", w.started().toString());
        });
        ObjectNode queues = doc.putObject("queues");
        node.queues().forEach(q -> {
            ObjectNode queue = queues.putObject(q.name());
            queue.put("waiting", q.waiting());
            queue.put("running", q.running());
            queue.put("concurrency", q.concurrency());
            queue.put("maxWaiting", q.maxWaiting());
        });
        ObjectNode broken = doc.putObject("brokenTasks");
        node.brokenTasks().forEach(broken::put);
        doc.put("maintenance", node.maintenance().isPresent());
        doc.putObject("memory").put("budget", node.memory().budget()).put("reserved", node.memory().reserved());
        node.disk().ifPresent(disk -> doc.putObject("disk").put("usable", disk.usable()).put("total", disk.total()));
        ctx.json(doc);
    }
}
