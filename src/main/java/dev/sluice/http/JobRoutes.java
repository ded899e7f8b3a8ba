package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SluiceException;
import dev.sluice.config.SluiceConfig;
import dev.sluice.queue.FinishedJobDismissal;
import dev.sluice.queue.JobQueues;
import dev.sluice.store.Job;
import dev.sluice.store.JobQuery;
import dev.sluice.store.JobState;
import dev.sluice.worker.JobFolder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Status documents, the job list, cancellation, the log, and results with their files. */
final class JobRoutes {

    static final String RESULT_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline';"
            + " frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    private final SluiceConfig config;
    private final VisibleJobs visible;
    private final JobWaiter waiter;
    private final JobQueues queues;
    private final ObjectMapper json;
    private final Path dataDir;
    private final StatusDocuments statusDocuments;
    private final ResultDocuments results;
    private final Hrefs hrefs;
    private final FinishedJobDismissal dismissal;

    JobRoutes(SluiceConfig config, JobQueues queues, ObjectMapper json, Path dataDir, StatusDocuments statusDocuments,
              VisibleJobs visible, JobWaiter waiter, FinishedJobDismissal dismissal) {
        this.dismissal = dismissal;
        this.waiter = waiter;
        this.config = config;
        this.visible = visible;
        this.queues = queues;
        this.json = json;
        this.dataDir = dataDir;
        this.statusDocuments = statusDocuments;
        this.hrefs = Hrefs.of(config);
        this.results = new ResultDocuments(json, hrefs);
    }

    void register(RoutesConfig routes) {
        routes.get("/jobs", this::list);
        routes.get("/jobs/{id}", this::status);
        routes.delete("/jobs/{id}", this::cancel);
        routes.get("/jobs/{id}/log", this::log);
        routes.get("/jobs/{id}/results", ctx -> {
            Job job = finishedJob(ctx);
            var task = taskOf(job);
            ctx.json(results.of(job, folder(job), task, href -> AbsoluteHrefs.of(ctx, href), outputsWanted(ctx, task)));
        });
        routes.get("/jobs/{id}/results/{output}", this::resultFile);
    }

    /** /req/job-list: the caller's jobs by the filters, a page of `limit` from `offset`, with next and prev links. */
    private void list(Context ctx) {
        JobQuery query = JobListParameters.from(ctx);
        // why: one job more than the page tells whether a next page exists
        List<Job> found = JobListParameters.processesWanted(ctx)
                ? visible.list(ctx, query.page(query.offset(), query.limit() + 1)) : List.of();
        ObjectNode doc = json.createObjectNode();
        ArrayNode jobs = doc.putArray("jobs");
        found.stream().limit(query.limit()).forEach(job -> jobs.add(statusDocuments.of(job)));
        ArrayNode links = doc.putArray("links");
        String self = ctx.queryParamMap().isEmpty() ? "" : JobListLinks.query(ctx, query.offset(), query.limit());
        StatusDocuments.link(links, hrefs.to("/jobs") + self, "self", "application/json", "the jobs");
        // why: /req/job-list/links B, a link to each other form of the list; the page is the only other
        StatusDocuments.link(links, hrefs.to("/jobs") + (self.isEmpty() ? "?f=html" : self + "&f=html"), "alternate",
                "text/html", "the jobs as a page");
        if (found.size() > query.limit()) {
            StatusDocuments.link(links, hrefs.to("/jobs") + JobListLinks.query(ctx, query.offset() + query.limit(), query.limit()),
                    "next", "application/json", "the next jobs");
        }
        if (query.offset() > 0) {
            StatusDocuments.link(links, hrefs.to("/jobs") + JobListLinks.query(ctx, Math.max(0, query.offset() - query.limit()),
                    query.limit()), "prev", "application/json", "the previous jobs");
        }
        AbsoluteHrefs.json(ctx, doc);
    }

    private void status(Context ctx) {
        Job job = job(ctx);
        Optional<Duration> wait = JobWaiter.preferredWait(ctx.header("Prefer"));
        if (wait.isPresent()) {
            job = waiter.awaitEnd(job, wait.get());
            ctx.header("Preference-Applied", "wait=" + wait.get().toSeconds());
        }
        AbsoluteHrefs.json(ctx, statusDocuments.of(job));
    }

    /**
     * OGC dismiss: a queued or running job is cancelled (and kept, `dismissed`); a finished one is removed with its
     * results and files, unless `?finished=keep` asks to leave finished jobs alone (the CLI's cancel does).
     */
    private void cancel(Context ctx) {
        Job job = job(ctx);
        if (!job.state().isFinal()) {
            Job after = queues.cancel(job.id()).orElse(job);
            if (after.state() == JobState.DISMISSED || !after.state().isFinal()) {
                AbsoluteHrefs.json(ctx, statusDocuments.of(after));
                return;
            }
            // why: it ended between the read and the cancel (a queued job a freed slot started, say); the dismiss
            // asked for still happens, as for any finished job
            job = after;
        }
        if ("keep".equals(ctx.queryParam("finished"))) {
            throw new SluiceException(409, "job-finished", "Job already finished",
                    "job " + job.id() + " is already " + job.state().wireName() + "; only queued or running jobs can be cancelled");
        }
        if (!dismissal.dismiss(job)) {
            throw OgcExceptions.noSuchJob("there is no job '" + job.id() + "' (it was dismissed meanwhile)");
        }
        ObjectNode doc = statusDocuments.of(job);
        doc.put("status", JobState.DISMISSED.wireName());
        doc.put("message", "dismissed: the job, its results and its files were removed");
        // why: every link of the job now leads to a 404
        doc.putArray("links");
        AbsoluteHrefs.json(ctx, doc);
    }

    private void log(Context ctx) throws IOException {
        java.util.Optional<Path> log = folder(job(ctx)).logFile();
        ctx.contentType("text/plain; charset=utf-8").header("X-Content-Type-Options", "nosniff");
        if (log.isEmpty()) {
            ctx.result("");
            return;
        }
        FileRanges.serve(ctx, log.get(), "text/plain; charset=utf-8");
    }

    private void resultFile(Context ctx) throws IOException {
        Job job = finishedJob(ctx);
        String output = ctx.pathParam("output");
        var spec = outputNamed(taskOf(job), output);
        if (spec == null) {
            throw Problems.notFound("job " + job.id() + " has no output '" + SubmissionReader.abbreviate(output) + "'");
        }
        Path file = folder(job).outputFile(spec.file()).orElseThrow(() ->
                Problems.notFound("output '" + output + "' of job " + job.id() + " was not produced"));
        serveOutput(ctx, spec, file);
    }

    /** Sends one output's file with its content type, sandboxed when it could carry script; Range requests work. */
    static void serveOutput(Context ctx, dev.sluice.config.OutputSpec spec, Path file) throws IOException {
        String type = ContentTypes.of(spec.file());
        ctx.header("X-Content-Type-Options", "nosniff").header("Content-Disposition", "inline; filename=\"" + downloadName(spec.file()) + "\"");
        if (ContentTypes.isActive(type)) {
            // why: a report written by a job may carry script; sandboxed, it cannot act as this site or read other jobs,
            // and only this site's job page may frame it
            ctx.header("Content-Security-Policy", RESULT_POLICY).header("Referrer-Policy", "no-referrer");
        }
        FileRanges.serve(ctx, file, type);
    }

    /** /req/core/job-results-param-outputs: `?outputs=a,b` (or repeated) narrows the results; absent, all of them. */
    private static java.util.Set<String> outputsWanted(Context ctx, dev.sluice.config.TaskConfig task) {
        if (ctx.queryParams("outputs").isEmpty()) {
            return task.outputs().keySet();
        }
        java.util.Set<String> wanted = JobListParameters.values(ctx, "outputs");
        for (String name : wanted) {
            if (!task.outputs().containsKey(name)) {
                throw Problems.badParameter("outputs", "names '" + SubmissionReader.abbreviate(name) + "', which is not an output of "
                        + "this process; its outputs are " + (task.outputs().isEmpty() ? "none" : String.join(", ", task.outputs().keySet())));
            }
        }
        return wanted;
    }

    /**
     * The output called {@code name}, or else the one whose file is {@code name}: a report's relative link to
     * its plot (`<img src="plot.png">`) then finds the plot next to it.
     */
    private static dev.sluice.config.OutputSpec outputNamed(dev.sluice.config.TaskConfig task, String name) {
        var byName = task.outputs().get(name);
        if (byName != null) {
            return byName;
        }
        return task.outputs().values().stream().filter(o -> o.file().equals(name)).findFirst().orElse(null);
    }

    // why: a download keeps the output's own name (plot.png), not the last part of its URL
    private static String downloadName(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private Job job(Context ctx) {
        return visible.require(ctx, ctx.pathParam("id"));
    }

    private Job finishedJob(Context ctx) {
        Job job = job(ctx);
        return switch (job.state()) {
            case SUCCESSFUL -> job;
            case ACCEPTED, RUNNING -> throw OgcExceptions.resultNotReady(
                    "job " + job.id() + " is " + job.state().wireName() + "; its results exist once it is successful");
            default -> throw FailedJobProblems.of(job);
        };
    }

    private dev.sluice.config.TaskConfig taskOf(Job job) {
        return config.task(job.task()).orElseThrow(() ->
                Problems.notFound("task '" + job.task() + "' of job " + job.id() + " is no longer configured"));
    }

    private JobFolder folder(Job job) {
        return JobFolder.of(dataDir, job.id());
    }
}
