package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SluiceException;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.queue.JobQueues;
import dev.sluice.store.Job;
import dev.sluice.store.NewJob;
import dev.sluice.worker.TaskHealth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The process list, process descriptions and job submission (`POST /processes/{task}/execution`). */
final class ProcessRoutes {

    private final SluiceConfig config;
    private final JobQueues queues;
    private final ObjectMapper json;
    private final ProcessDescriptions descriptions;
    private final SubmissionReader submissions;
    private final StatusDocuments statusDocuments;
    private final TaskHealth health;

    private final VisibleJobs visible;

    ProcessRoutes(SluiceConfig config, JobQueues queues, ObjectMapper json, SubmissionReader submissions,
                  StatusDocuments statusDocuments, TaskHealth health, VisibleJobs visible) {
        this.visible = visible;
        this.config = config;
        this.health = health;
        this.queues = queues;
        this.json = json;
        this.descriptions = new ProcessDescriptions(json, Hrefs.of(config));
        this.submissions = submissions;
        this.statusDocuments = statusDocuments;
    }

    void register(RoutesConfig routes) {
        routes.get("/processes", this::list);
        routes.get("/processes/{task}", ctx -> ctx.json(withHealth(ctx.pathParam("task"),
                descriptions.description(ctx.pathParam("task"), task(ctx)))));
        routes.post("/processes/{task}/execution", this::execute);
    }

    private void list(Context ctx) {
        ObjectNode doc = json.createObjectNode();
        ArrayNode processes = doc.putArray("processes");
        config.tasks().forEach((name, task) -> processes.add(withHealth(name, descriptions.summary(name, task))));
        StatusDocuments.link(doc.putArray("links"), Hrefs.of(config).to("/processes"), "self", "application/json", "the processes");
        ctx.json(doc);
    }

    private void execute(Context ctx) {
        String name = ctx.pathParam("task");
        TaskConfig task = task(ctx);
        health.broken(name).ifPresent(broken -> {
            throw new SluiceException(503, "task-broken", "Task broken", "task '" + name + "' is broken and takes no jobs: "
                    + broken.message() + "; fix it and restart the server");
        });
        queues.ensureAccepting();
        NewJob job = visible.owned(ctx, submissions.read(ctx, name, task));
        Job accepted;
        try {
            accepted = queues.submit(job);
        } catch (RuntimeException refused) {
            // why: a full queue or a full disk refuses the job after its uploads were stored; they must not stay behind
            submissions.discard(job);
            throw refused;
        }
        ctx.status(201)
                .header("Location", Hrefs.of(config).to("/jobs/" + accepted.id().value()))
                .header("Preference-Applied", "respond-async")
                .json(statusDocuments.of(accepted));
    }

    /** Marks a broken task in its summary or description, with why. */
    private ObjectNode withHealth(String name, ObjectNode doc) {
        health.broken(name).ifPresent(broken -> {
            doc.put("x-sluice-status", "broken");
            doc.put("x-sluice-broken-reason", broken.message());
        });
        return doc;
    }

    private TaskConfig task(Context ctx) {
        String name = ctx.pathParam("task");
        return config.task(name).orElseThrow(() -> Problems.notFound(
                "there is no process '" + SubmissionReader.abbreviate(name) + "'; GET /processes lists them"));
    }
}
