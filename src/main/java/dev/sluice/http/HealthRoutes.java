package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.worker.TaskHealth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.BooleanSupplier;

/**
 * `GET /health`: answers 200 while the server can read its database and takes jobs, with the length of each
 * queue; 503 with status "stopping" once it has begun to stop, so a load balancer sends new work elsewhere.
 */
final class HealthRoutes {

    private final SluiceConfig config;
    private final JobStore store;
    private final ObjectMapper json;
    private final TaskHealth taskHealth;
    private final BooleanSupplier accepting;

    HealthRoutes(SluiceConfig config, JobStore store, ObjectMapper json, TaskHealth taskHealth, BooleanSupplier accepting) {
        this.accepting = accepting;
        this.config = config;
        this.taskHealth = taskHealth;
        this.store = store;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", this::health);
    }

    private void health(Context ctx) {
        ObjectNode doc = json.createObjectNode();
        boolean open = accepting.getAsBoolean();
        doc.put("status", open ? "ok" : "stopping");
        if (!open) {
            ctx.status(503).header("Retry-After", "5");
        }
        ObjectNode queues = doc.putObject("queues");
        config.queues().forEach((name, queue) -> {
            ObjectNode q = queues.putObject(name);
            q.put("waiting", store.count(name, JobState.ACCEPTED));
            q.put("running", store.count(name, JobState.RUNNING));
            q.put("concurrency", queue.slotsPerNode());
        });
        ObjectNode broken = doc.putObject("brokenTasks");
        config.tasks().keySet().forEach(task -> taskHealth.broken(task).ifPresent(b -> broken.put(task, b.message())));
        ctx.json(doc);
    }
}
