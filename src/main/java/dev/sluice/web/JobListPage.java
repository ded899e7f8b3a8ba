package dev.sluice.web;

import dev.sluice.store.Job;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * `GET /jobs` as a page (/req/html/content): the jobs the list document holds, the same filters and page, each
 * with the status document's fields and a link to its own page, and the document's links.
 */
final class JobListPage {

    private JobListPage() {
    }

    static String render(List<Job> jobs, String query) {
        StringBuilder html = new StringBuilder("<h1>Jobs</h1>\n");
        if (jobs.isEmpty()) {
            html.append("<p id=\"jobs-empty\">No jobs match.</p>\n");
        } else {
            html.append("<table id=\"jobs\" class=\"jobs\"><thead><tr><th>Job</th><th>Process</th><th>Type</th><th>State</th>")
                    .append("<th>Progress</th><th>Message</th><th>Created</th><th>Started</th><th>Finished</th><th>Updated</th>")
                    .append("</tr></thead>\n<tbody>\n");
            jobs.forEach(job -> row(html, job));
            html.append("</tbody></table>\n");
        }
        String json = "/jobs" + (query.isEmpty() ? "?f=json" : "?" + query + "&f=json");
        return html.append("<p><a href=\"").append(Html.escape(json)).append("\" rel=\"alternate\" type=\"application/json\">")
                .append("This list as JSON</a> · <a href=\"/processes\">The processes</a></p>\n").toString();
    }

    private static void row(StringBuilder html, Job job) {
        String id = job.id().value();
        String state = job.state().wireName();
        html.append("<tr class=\"job\" data-job-id=\"").append(id).append("\"><td><a href=\"/jobs/").append(id).append("\"><code>")
                .append(id).append("</code></a></td><td><a href=\"/processes/").append(Html.escape(job.task())).append("\">")
                .append(Html.escape(job.task())).append("</a></td><td>process</td><td><span class=\"status status-").append(state)
                .append("\">").append(state).append("</span></td><td>").append(job.progress().map(p -> p + "%").orElse(""))
                .append("</td><td>").append(Html.escape(job.message())).append("</td>");
        time(html, Optional.of(job.created()));
        time(html, job.started());
        time(html, job.finished());
        time(html, Optional.of(job.updated()));
        html.append("</tr>\n");
    }

    private static void time(StringBuilder html, Optional<Instant> at) {
        html.append("<td>").append(at.map(t -> "<time datetime=\"" + t + "\">" + t + "</time>").orElse("")).append("</td>");
    }
}
