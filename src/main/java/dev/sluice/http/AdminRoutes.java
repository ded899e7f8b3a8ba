package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.store.NodeRecord;
import dev.sluice.web.ClusterNodes;
import dev.sluice.web.NodeOverview;
import java.time.Duration;
import java.util.function.Supplier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * `GET /admin/status`: the node's worker processes (pid, memory, current job, jobs done), its queues and its
 * broken tasks, as JSON; `GET /admin/nodes`: the nodes sharing its database, or it alone on SQLite ({@code cluster}
 * false, no lease). {@link AdminGuard} lets only the admin in.
 */
final class AdminRoutes {

    private final Supplier<NodeOverview> overview;
    private final Supplier<ClusterNodes> nodes;
    private final ObjectMapper json;

    AdminRoutes(Supplier<NodeOverview> overview, Supplier<ClusterNodes> nodes, ObjectMapper json) {
        this.overview = overview;
        this.nodes = nodes;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/status", this::status);
        routes.get("/admin/nodes", this::nodes);
    }

    private void nodes(Context ctx) {
        ClusterNodes cluster = nodes.get();
        ObjectNode doc = json.createObjectNode();
        doc.put("cluster", cluster.shared());
        ArrayNode list = doc.putArray("nodes");
        for (NodeRecord n : cluster.nodes()) {
            ObjectNode node = list.addObject();
            node.put("id", n.id());
            node.put("name", n.name());
            n.address().ifPresentOrElse(address -> node.put("address", address), () -> node.putNull("address"));
            node.put("version", n.version());
            node.put("started", n.started().toString());
            node.put("alive", cluster.alive(n));
            // why: a node alone has no lease; a made-up one would read as a real lease that could run out
            if (cluster.shared()) {
                node.put("leaseAgeSeconds", seconds(n.sinceRenewal()));
                node.put("leaseLeftSeconds", seconds(n.leaseLeft()));
            } else {
                node.putNull("leaseAgeSeconds");
                node.putNull("leaseLeftSeconds");
            }
            node.put("runningJobs", n.running());
            node.put("memoryBudget", n.memoryBudget());
            node.put("leader", n.leader());
            node.put("self", cluster.isSelf(n));
        }
        ctx.json(doc);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
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
