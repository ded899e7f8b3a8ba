package dev.sluice.web;

import dev.sluice.config.SluiceConfig;
import dev.sluice.worker.TaskHealth;

/** The index: every task with a link to its form, and the jobs this browser submitted ("my jobs", kept by sluice.js). */
final class IndexPage {

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
            html.append("</li>\n");
        });
        html.append("</ul>\n").append(myJobs());
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
