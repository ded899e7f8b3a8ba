package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SluiceException;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SyncConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.queue.JobQueues;
import dev.sluice.store.Job;
import dev.sluice.store.NewJob;
import dev.sluice.worker.TaskHealth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

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
    private final Hrefs hrefs;
    private final SyncExecution sync;

    ProcessRoutes(SluiceConfig config, JobQueues queues, ObjectMapper json, SubmissionReader submissions,
                  StatusDocuments statusDocuments, TaskHealth health, VisibleJobs visible, SyncExecution sync) {
        this.visible = visible;
        this.sync = sync;
        this.config = config;
        this.health = health;
        this.queues = queues;
        this.json = json;
        this.hrefs = Hrefs.of(config);
        this.descriptions = new ProcessDescriptions(json, hrefs);
        this.submissions = submissions;
        this.statusDocuments = statusDocuments;
    }

    void register(RoutesConfig routes) {
        routes.get("/processes", this::list);
        routes.get("/processes/{task}", ctx -> AbsoluteHrefs.json(ctx, withHealth(ctx.pathParam("task"),
                descriptions.description(ctx.pathParam("task"), task(ctx)))));
        routes.post("/processes/{task}/execution", this::execute);
    }

    /** /req/core/pl-limit-definition and -response: at most `limit` processes from `offset`, with next and prev links. */
    private void list(Context ctx) {
        int limit = JobListParameters.wholeNumber("limit", ctx.queryParam("limit"), JobListParameters.LIMIT_DEFAULT, 1,
                JobListParameters.LIMIT_MAX);
        int offset = JobListParameters.wholeNumber("offset", ctx.queryParam("offset"), 0, 0, Integer.MAX_VALUE);
        ObjectNode doc = json.createObjectNode();
        ArrayNode processes = doc.putArray("processes");
        config.tasks().entrySet().stream().skip(offset).limit(limit)
                .forEach(e -> processes.add(withHealth(e.getKey(), descriptions.summary(e.getKey(), e.getValue()))));
        ArrayNode links = doc.putArray("links");
        String list = hrefs.to("/processes");
        boolean paged = ctx.queryParam("limit") != null || ctx.queryParam("offset") != null;
        String here = paged ? page(limit, offset) : "";
        StatusDocuments.link(links, list + here, "self", "application/json", "the processes");
        // why: /req/core/pl-links asks for the list in every other media type the server offers: its page
        StatusDocuments.link(links, list + (paged ? here + "&" : "?") + "f=html", "alternate", "text/html", "the processes as a page");
        if ((long) offset + limit < config.tasks().size()) {
            StatusDocuments.link(links, list + page(limit, offset + limit), "next", "application/json", "the next processes");
        }
        if (offset > 0) {
            StatusDocuments.link(links, list + page(limit, Math.max(0, offset - limit)), "prev", "application/json",
                    "the previous processes");
        }
        AbsoluteHrefs.json(ctx, doc);
    }

    private static String page(int limit, int offset) {
        return "?limit=" + limit + (offset > 0 ? "&offset=" + offset : "");
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
        Optional<SyncConfig> waitFor = SyncExecution.wanted(ctx, task);
        if (waitFor.isPresent() && sync.answer(ctx, accepted, task, waitFor.get())) {
            return;
        }
        ctx.status(201).header("Location", AbsoluteHrefs.of(ctx, hrefs.to("/jobs/" + accepted.id().value())));
        if (SyncExecution.prefersAsync(ctx.header("Prefer"))) {
            ctx.header("Preference-Applied", "respond-async");
        }
        AbsoluteHrefs.json(ctx, statusDocuments.of(waitFor.isPresent()
                ? visible.find(ctx, accepted.id().value()).orElse(accepted) : accepted));
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
        return config.task(name).orElseThrow(() -> OgcExceptions.noSuchProcess(
                "there is no process '" + SubmissionReader.abbreviate(name) + "'; GET /processes lists them"));
    }
}
