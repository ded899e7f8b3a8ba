package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.worker.TaskHealth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** `GET /health`: answers 200 while the server can read its database, with the length of each queue. */
final class HealthRoutes {

    private final SluiceConfig config;
    private final JobStore store;
    private final ObjectMapper json;
    private final TaskHealth taskHealth;

    HealthRoutes(SluiceConfig config, JobStore store, ObjectMapper json, TaskHealth taskHealth) {
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
        doc.put("status", "ok");
        ObjectNode queues = doc.putObject("queues");
        config.queues().forEach((name, queue) -> {
            ObjectNode q = queues.putObject(name);
            q.put("waiting", store.count(name, JobState.ACCEPTED));
            q.put("running", store.count(name, JobState.RUNNING));
            q.put("concurrency", queue.concurrency());
        });
        ObjectNode broken = doc.putObject("brokenTasks");
        config.tasks().keySet().forEach(task -> taskHealth.broken(task).ifPresent(b -> broken.put(task, b.message())));
        ctx.json(doc);
    }
}
