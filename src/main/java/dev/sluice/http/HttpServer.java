package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SluiceException;
import dev.sluice.config.SluiceConfig;
import dev.sluice.events.JobEventHub;
import dev.sluice.metrics.Readiness;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.queue.QueueEstimates;
import dev.sluice.web.ClusterNodes;
import dev.sluice.web.NodeOverview;
import dev.sluice.web.PageRoutes;
import java.util.function.Supplier;
import dev.sluice.queue.JobQueues;
import dev.sluice.queue.RetryLaterException;
import dev.sluice.schedule.Scheduler;
import dev.sluice.store.JobStore;
import dev.sluice.worker.TaskHealth;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API: Javalin configured once, every route registered, every error turned into a problem document. */
public final class HttpServer {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    // why: JSON bodies are read into memory; files belong in multipart requests, which stream to disk
    private static final long LARGEST_JSON_BODY = 16L << 20;

    private final SluiceConfig config;
    private final Javalin javalin;
    private final java.util.Optional<HttpsEdge> https;
    private final dev.sluice.web.WorkerMemoryHistory memoryHistory;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public HttpServer(SluiceConfig config, JobStore store, JobQueues queues, Path dataDir, TaskHealth taskHealth,
                      JobEventHub events, QueueEstimates estimates, Scheduler scheduler, SluiceMetrics metrics,
                      Readiness readiness) {
        this.config = config;
        Path uploads = dataDir.resolve("uploads");
        try {
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + uploads, e);
        }
        StatusDocuments statusDocuments = new StatusDocuments(json, store, estimates, Hrefs.of(config));
        SubmissionReader submissions = new SubmissionReader(json, dataDir, config.server().maxUpload(),
                new Uploads(new ImageInputs(DecodeMemory.of(config.server().decodeMemory()))),
                java.util.Optional.of(config.server().callbacks()).filter(c -> c.enabled()).map(dev.sluice.callback.CallbackTargets::new),
                queues.uploadMarker());
        VisibleJobs visible = new VisibleJobs(store, config.server().auth(), java.time.Clock.systemUTC());
        AdminGuard admin = new AdminGuard(config.server().auth(), visible);
        JobWaiter waiter = new JobWaiter(store, events);
        SyncExecution sync = new SyncExecution(config, waiter, new ResultDocuments(json, Hrefs.of(config)), dataDir);
        ProcessRoutes processes = new ProcessRoutes(config, queues, json, submissions, statusDocuments, taskHealth, visible, sync);
        JobRoutes jobs = new JobRoutes(config, queues, json, dataDir, statusDocuments, visible, waiter,
                new dev.sluice.queue.FinishedJobDismissal(store, dataDir));
        HealthRoutes health = new HealthRoutes(config, store, json, taskHealth, queues::accepting);
        EventStreamSlots streamSlots = new EventStreamSlots(config.server().maxConnections());
        metrics.http().followEventStreams(streamSlots::open);
        RequestCounting requests = new RequestCounting(metrics.http());
        JobEventRoutes jobEvents = new JobEventRoutes(store, events, statusDocuments, json, dataDir, config.server().keepAlive(), visible,
                streamSlots);
        Supplier<NodeOverview> overview = () -> NodeOverview.read(config, store, queues, taskHealth, scheduler, dataDir);
        java.time.Instant started = java.time.Clock.systemUTC().instant();
        ProcessDescriptions descriptions = new ProcessDescriptions(json, Hrefs.of(config));
        this.https = HttpsEdge.of(config.server(), dataDir, java.time.Clock.systemUTC());
        this.memoryHistory = new dev.sluice.web.WorkerMemoryHistory(queues::workers);
        PageRoutes pages = new PageRoutes(config, store, visible::find, dataDir, taskHealth, estimates, descriptions::schema,
                new dev.sluice.web.AdminDashboard(config, store, overview, memoryHistory, java.time.Clock.systemUTC()),
                queues.maintenance(), ctx -> JobListParameters.processesWanted(ctx)
                        ? visible.list(ctx, JobListParameters.from(ctx)) : java.util.List.of());
        java.util.Optional<CorsPolicy> cors = CorsPolicy.of(config.server().corsIfAny());
        StaticRoutes staticRoutes = new StaticRoutes(config.staticFiles(), Hrefs.of(config));
        this.javalin = Javalin.create(cfg -> {
            configure(cfg, uploads);
            cfg.routes.before(ClientAddresses.of(config.server().trustedProxies())::attach);
            cfg.routes.before(ctx -> PageRoutes.basePath(ctx, config.server().basePath()));
            cors.ifPresent(policy -> cfg.routes.before(policy::apply));
            cfg.routes.before(this::refuseOversizedBodies);
            cfg.routes.before(new CrossSiteGuard(cors)::check);
            PrivateResponses.register(cfg.routes);
            cfg.routes.before("/admin", admin::check);
            cfg.routes.before("/admin/*", admin::check);
            // why: inserted last, so it stands in front of every other handler; a tile then costs no servlet work
            cfg.jetty.modifyServer(server -> server.insertHandler(
                    staticRoutes.handler(Hrefs.of(config), json, metrics.http(), cors)));
            staticRoutes.registerPrefixed(cfg.routes);
            pages.register(cfg.routes);
            pages.registerConformancePage(cfg.routes, LandingRoutes.conformanceClasses(config.server().callbacks().enabled()));
            processes.register(cfg.routes);
            jobs.register(cfg.routes);
            jobEvents.register(cfg.routes);
            new AdminRoutes(overview, () -> ClusterNodes.read(config, store, started), json).register(cfg.routes);
            new AdminJobRoutes(new dev.sluice.queue.JobRetry(config, store, queues, dataDir), queues, Hrefs.of(config))
                    .register(cfg.routes);
            new MaintenanceRoutes(queues.maintenance(), json, java.time.Clock.systemUTC(), Hrefs.of(config)).register(cfg.routes);
            new ScheduleRoutes(scheduler, json).register(cfg.routes);
            new BackupRoutes(store, dataDir, java.time.Clock.systemUTC()).register(cfg.routes);
            health.register(cfg.routes);
            new ReadinessRoutes(readiness, json).register(cfg.routes);
            new MetricsRoutes(metrics, config.server().metrics(), admin).register(cfg.routes);
            cfg.routes.after(requests::count);
            new LandingRoutes(json, Hrefs.of(config), config.server().callbacks().enabled()).register(cfg.routes);
            new OpenApiRoutes(config, json, Hrefs.of(config)).register(cfg.routes);
            new dev.sluice.web.ApiDocsPage().register(cfg.routes);
            new PythonHelperRoutes().register(cfg.routes);
            // why: last, so that any route of Sluice's own matches before a mount at / does
            staticRoutes.registerRoot(cfg.routes);
            mapErrors(cfg);
        });
        staticRoutes.requireKnown(javalin.unsafe.internalRouter);
    }

    public HttpServer start() {
        javalin.start(config.server().host(), config.server().port());
        memoryHistory.start();
        try {
            https.ifPresent(edge -> edge.start(javalin.port()));
        } catch (RuntimeException failed) {
            javalin.stop();
            throw failed;
        }
        return this;
    }

    public int port() {
        return javalin.port();
    }

    /** Every route as "GET /jobs/{id}", for the test that holds the OpenAPI description to the routes served. */
    public java.util.List<String> routes() {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    public void stop() {
        memoryHistory.close();
        https.ifPresent(HttpsEdge::stop);
        javalin.stop();
    }

    private void configure(JavalinConfig cfg, Path uploads) {
        long maxUpload = config.server().maxUpload().bytes();
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.concurrency.useVirtualThreads = true;
        cfg.jsonMapper(new JavalinJackson(json, true));
        cfg.http.maxRequestSize = largestJsonBody();
        // why: Javalin copies every response through a fresh buffer of this size; at Jetty's 32 KB it was most of
        // what a request allocated, and the garbage collector ran for it
        cfg.http.responseBufferSize = 8192;
        cfg.jetty.multipartConfig.cacheDirectory(uploads.toString());
        cfg.jetty.multipartConfig.maxFileSize(maxUpload, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(maxUpload, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new RefusedRequests(json)));
        cfg.jetty.modifyServletContextHandler(context -> ServletFilters.install(context, Hrefs.of(config)));
        ClientLimits.apply(cfg, config.server(), https.map(HttpsEdge::ssl));
    }

    /** Requests that Jetty refuses before any route sees them (a path climbing above the root) get a problem document too. */
    private static final class RefusedRequests extends ErrorHandler {

        private final ObjectMapper json;

        RefusedRequests(ObjectMapper json) {
            this.json = json;
        }

        // why: Jetty writes an empty body for methods other than GET, POST and HEAD; a refusal says why whatever the method
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            ObjectNode doc = json.createObjectNode();
            doc.put("type", "https://sluice.dev/problems/http-" + code);
            doc.put("title", titleFor(code));
            doc.put("status", code);
            doc.put("detail", code == 400 ? "the request could not be understood: check its path and headers" : titleFor(code));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
            response.write(true, ByteBuffer.wrap(doc.toString().getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    // why: a declared length over the limit is refused before a single byte of the body is read
    private void refuseOversizedBodies(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        long limit = ctx.isMultipartFormData() ? config.server().maxUpload().bytes() : largestJsonBody();
        if (declared > limit) {
            RefusedBodyDrain.drain(ctx, declared);
            ctx.header("Connection", "close");
            String kind = ctx.isMultipartFormData() ? "upload" : "JSON body";
            throw Problems.tooLarge("the request is " + new dev.sluice.config.DataSize(declared) + "; the " + kind
                    + " limit of this server is " + new dev.sluice.config.DataSize(limit)
                    + Problems.limitKey(ctx.isMultipartFormData(), LARGEST_JSON_BODY), limit, Map.of());
        }
    }

    private void mapErrors(JavalinConfig cfg) {
        cfg.routes.exception(RetryLaterException.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
            Problems.write(ctx, json, e);
        });
        cfg.routes.exception(SluiceException.class, (e, ctx) -> {
            if (e.extensions().get("retryAfter") instanceof Number seconds) {
                ctx.header("Retry-After", String.valueOf(seconds.longValue()));
            }
            Problems.write(ctx, json, e);
        });
        cfg.routes.exception(dev.sluice.store.StoreException.class, (e, ctx) -> {
            // why: a full disk or a failing database is the server's trouble, but not a bug: say so, and when to retry
            log.warn("event=store-failed method={} path={} reason=\"{}\"", ctx.method(), ctx.path(), e.getMessage());
            Problems.write(ctx, json, DiskFullProblems.of(e, "the job", Map.of()).orElseGet(() -> new SluiceException(503,
                    "store-unavailable", "Database unavailable", "the server's database failed to record this request; "
                    + "nothing was accepted; try again later", Map.of())));
            ctx.header("Retry-After", "30");
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) {
                // why: a body without a declared length is only found too large while it is read
                Problems.write(ctx, json, Problems.tooLarge("the request body is larger than this server accepts; its limit is "
                        + new dev.sluice.config.DataSize(largestJsonBody()) + Problems.limitKey(false, LARGEST_JSON_BODY),
                        largestJsonBody(), Map.of()));
                return;
            }
            Problems.write(ctx, json, e.getStatus(), "http-" + e.getStatus(), titleFor(e.getStatus()), describe(e), Map.of());
        });
        // why: an Error (a stack overflow in some library, memory running out) would otherwise answer 500 with an empty
        // body and log a stack trace as long as the stack; one line says what it was
        cfg.router.javaLangErrorHandler((res, error) -> {
            log.error("event=internal-error error={} reason=\"{}\"", error.getClass().getName(), error.getMessage());
            if (!res.isCommitted()) {
                res.setStatus(500);
                res.setContentType(Problems.CONTENT_TYPE);
                try {
                    res.getOutputStream().write(("{\"type\":\"https://sluice.dev/problems/internal-error\",\"title\":\"Internal error\","
                            + "\"status\":500,\"detail\":\"the server failed to handle this request; the server log has the details\"}")
                            .getBytes(StandardCharsets.UTF_8));
                } catch (IOException gone) {
                    log.debug("event=error-response-lost reason=\"{}\"", gone.getMessage());
                }
            }
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            log.error("event=internal-error method={} path={} reason=\"{}\"", ctx.method(), ctx.path(), e.getMessage(), e);
            Problems.write(ctx, json, 500, "internal-error", "Internal error",
                    "the server failed to handle this request; the server log has the details", Map.of());
        });
        cfg.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                Problems.write(ctx, json, 404, "not-found", "Not found", "nothing is served at " + ctx.path(), Map.of());
            }
        });
        cfg.routes.error(405, ctx -> Problems.write(ctx, json, 405, "method-not-allowed", "Method not allowed",
                ctx.method() + " is not allowed on " + ctx.path(), Map.of()));
    }

    private long largestJsonBody() {
        return Math.min(config.server().maxUpload().bytes(), LARGEST_JSON_BODY);
    }

    private static String describe(HttpResponseException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? titleFor(e.getStatus()) : e.getMessage();
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type";
            default -> "HTTP " + status;
        };
    }
}
