package dev.sluice.web;

import dev.sluice.config.SluiceConfig;
import dev.sluice.worker.TaskHealth;

/** The index: every task with a link to its form, and the jobs this browser submitted ("my jobs", kept by sluice.js). */
final class IndexPage {

    // why: /req/html/content, the landing page's links as links of its page (LandingRoutes writes the document's)
    private static final String API = """
            <section id="api" class="api">
            <h2>API</h2>
            <ul>
            <li><a href="/api" rel="service-desc" type="application/vnd.oai.openapi+json;version=3.0">The API description (OpenAPI 3.0)</a></li>
            <li><a href="/api.html" rel="service-doc">The API documentation</a></li>
            <li><a href="/conformance" rel="http://www.opengis.net/def/rel/ogc/1.0/conformance">Conformance classes</a></li>
            <li><a href="/processes" rel="http://www.opengis.net/def/rel/ogc/1.0/processes">The processes</a></li>
            <li><a href="/jobs" rel="http://www.opengis.net/def/rel/ogc/1.0/job-list">The jobs</a></li>
            <li><a href="/health" rel="status">Health</a></li>
            <li><a href="/?f=json" rel="alternate" type="application/json">This page as JSON</a></li>
            </ul>
            </section>
            """;

    private final SluiceConfig config;
    private final TaskHealth health;

    IndexPage(SluiceConfig config, TaskHealth health) {
        this.config = config;
        this.health = health;
    }

    String render() {
        StringBuilder html = new StringBuilder("<h1>Tasks</h1>\n<ul class=\"tasks\">\n");
        config.tasks().forEach((name, task) -> {
            html.append("<li class=\"task\" data-task=\"").append(Html.escape(name)).append("\">")
                    .append("<a href=\"/tasks/").append(Html.escape(name)).append("\">")
                    .append(Html.escape(task.title() == null ? name : task.title())).append("</a>");
            health.broken(name).ifPresent(b -> html.append(" <span class=\"status status-failed\">broken</span>"));
            if (task.description() != null) {
                html.append("<p>").append(Html.escape(task.description())).append("</p>");
            }
            // why: /req/html/content, what a process summary holds (id, version, job control options) on its page too
            html.append("<p class=\"hint task-facts\">id <code>").append(Html.escape(name)).append("</code> · version 1.0.0 · ")
                    .append(task.syncIfAny().isPresent() ? "runs synchronously or as a job" : "runs as a job")
                    .append(" · <a href=\"/processes/").append(Html.escape(name)).append("?f=json\" type=\"application/json\">")
                    .append("description as JSON</a></p>");
            html.append("</li>\n");
        });
        html.append("</ul>\n").append(myJobs()).append(API);
        return html.toString();
    }

    /** The section sluice.js fills with the jobs this browser submitted. */
    static String myJobs() {
        return new StringBuilder()
                .append("<section id=\"my-jobs\" class=\"my-jobs\">\n<h2>My jobs</h2>\n")
                .append("<p class=\"hint\">The jobs submitted from this browser; they are remembered here, not on the server.</p>\n")
                .append("<table id=\"my-jobs-table\" hidden><thead><tr><th>Job</th><th>Task</th><th>State</th><th>Progress</th>")
                .append("<th>Submitted</th><th></th></tr></thead><tbody></tbody></table>\n")
                .append("<p id=\"my-jobs-empty\">No jobs yet: pick a task above to submit one.</p>\n")
                .append("</section>\n").toString();
    }
}
