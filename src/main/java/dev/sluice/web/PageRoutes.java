package dev.sluice.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.InputSpec;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.queue.MaintenanceMode;
import dev.sluice.queue.QueueEstimates;
import dev.sluice.store.Job;
import dev.sluice.store.JobStore;
import dev.sluice.store.Maintenance;
import dev.sluice.worker.TaskHealth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The web pages. A browser asking for `/` or `/jobs/{id}` (Accept: text/html) gets the index or the job page;
 * every other client keeps getting the JSON of the API at the same address. Forms live at `/tasks/{task}`,
 * the admin page at `/admin`, the script and style sheet under `/assets/`. In maintenance mode the index and the
 * forms answer 503 with the admin's message.
 */
public final class PageRoutes {

    private final SluiceConfig config;
    private final BiFunction<Context, String, Optional<Job>> visibleJob;
    private final IndexPage index;
    private final TaskFormPage forms;
    private final JobPage jobs;
    private final AdminDashboard dashboard;
    private final MaintenanceMode maintenance;
    private final Function<Context, java.util.List<Job>> visibleJobs;
    private final Assets assets = new Assets();

    /** {@code schemaOf} is the API's JSON Schema of an input, so forms check exactly what the API publishes. */
    /**
     * {@code visibleJob} finds a job by id if the request may see it, {@code visibleJobs} lists them as `GET /jobs` does,
     * by the request's filters; pages never look jobs up otherwise.
     */
    public PageRoutes(SluiceConfig config, JobStore store, BiFunction<Context, String, Optional<Job>> visibleJob, Path dataDir,
                      TaskHealth health, QueueEstimates estimates, Function<InputSpec, ObjectNode> schemaOf,
                      AdminDashboard dashboard, MaintenanceMode maintenance, Function<Context, java.util.List<Job>> visibleJobs) {
        this.config = config;
        this.visibleJobs = visibleJobs;
        this.maintenance = maintenance;
        this.visibleJob = visibleJob;
        this.dashboard = dashboard;
        this.index = new IndexPage(config, health);
        this.forms = new TaskFormPage(schemaOf, health);
        this.jobs = new JobPage(store, estimates, dataDir, Clock.systemUTC());
    }

    /** A before-handler's work: remembers `server.base-path` with the request, for the links of its page. */
    public static void basePath(Context ctx, String basePath) {
        ctx.attribute(PageLayout.BASE_PATH, basePath);
    }

    /** The base path remembered with the request ("" when there is none, or before the handler ran). */
    public static String basePathOf(Context ctx) {
        String base = ctx.attribute(PageLayout.BASE_PATH);
        return base == null ? "" : base;
    }

    public void register(RoutesConfig routes) {
        // why: the API owns GET / and GET /jobs/{id}; a browser's request is answered here, before them. OGC API's
        // html conformance class: each resource of the API has a page at its own address too
        pageAt(routes, "/", this::indexPage);
        pageAt(routes, "/processes", this::indexPage);
        pageAt(routes, "/jobs", this::jobListPage);
        pageAt(routes, "/processes/{task}", this::taskForm);
        pageAt(routes, "/jobs/{id}/results", this::jobPage);
        pageAt(routes, "/admin/maintenance", MaintenancePage::sendForm);
        pageAt(routes, "/jobs/{id}", this::jobPage);
        routes.get("/tasks/{task}", this::taskForm);
        routes.get("/admin", dashboard::send);
        routes.get("/assets/{file}", ctx -> {
            if (!assets.serve(ctx, ctx.pathParam("file"))) {
                ctx.status(404);
            }
        });
    }

    /**
     * `GET /conformance` from a browser (or with `?f=html`): the conformance classes as a list of links.
     * why: the list is the API's; it is handed in rather than written twice
     */
    public void registerConformancePage(RoutesConfig routes, java.util.List<String> classes) {
        routes.before("/conformance", ctx -> {
            if (Negotiation.wantsPage(ctx)) {
                StringBuilder main = new StringBuilder("<h1>Conformance</h1>\n<p>This server conforms to these classes of"
                        + " OGC API – Processes – Part 1: Core 1.0:</p>\n<ul>\n");
                classes.forEach(c -> main.append("<li><a href=\"").append(Html.escape(c)).append("\">").append(Html.escape(c))
                        .append("</a></li>\n"));
                PageLayout.send(ctx, 200, "Conformance", "conformance", main.append("</ul>\n").toString());
                ctx.skipRemainingHandlers();
            }
        });
    }

    /** A GET of {@code path} that asks for a page (Accept, `?f=html`) gets {@code page} instead of the API's JSON. */
    private static void pageAt(RoutesConfig routes, String path, io.javalin.http.Handler page) {
        routes.before(path, ctx -> {
            if (ctx.method() == io.javalin.http.HandlerType.GET && Negotiation.wantsPage(ctx)) {
                page.handle(ctx);
                ctx.skipRemainingHandlers();
            }
        });
    }

    private void indexPage(Context ctx) {
        maintenance.active().ifPresentOrElse(
                m -> MaintenancePage.send(ctx, m, maintenance.retryAfter(m), IndexPage.myJobs()),
                () -> PageLayout.send(ctx, 200, "Tasks", "index", index.render()));
    }

    private void jobListPage(Context ctx) {
        String query = ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)f=[^&]*", "").replaceFirst("^&", "");
        PageLayout.send(ctx, 200, "Jobs", "jobs", JobListPage.render(visibleJobs.apply(ctx), query));
    }

    private void taskForm(Context ctx) {
        String name = ctx.pathParam("task");
        Optional<TaskConfig> task = config.task(name);
        if (task.isEmpty()) {
            PageLayout.notFound(ctx, "There is no task '" + abbreviate(name) + "'.");
            return;
        }
        Optional<Maintenance> down = maintenance.active();
        if (down.isPresent()) {
            MaintenancePage.send(ctx, down.get(), maintenance.retryAfter(down.get()),
                    "<p><a href=\"/#my-jobs\">My jobs</a></p>\n");
            return;
        }
        String title = task.get().title() == null ? name : task.get().title();
        PageLayout.send(ctx, 200, title, "form", forms.render(name, task.get()));
    }

    private void jobPage(Context ctx) {
        String raw = ctx.pathParam("id");
        Optional<Job> job = visibleJob.apply(ctx, raw);
        if (job.isEmpty()) {
            PageLayout.notFound(ctx, "There is no job '" + abbreviate(raw) + "' on this server.");
            return;
        }
        PageLayout.send(ctx, 200, "Job " + job.get().id().shortForm(), "job",
                jobs.render(job.get(), config.task(job.get().task())));
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
