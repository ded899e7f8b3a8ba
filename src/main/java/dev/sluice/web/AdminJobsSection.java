package dev.sluice.web;

import dev.sluice.config.DataSize;
import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The admin page's list of every submitter's jobs: filters by task, state and when they were created, a page of
 * {@link AdminFilters#PAGE_SIZE} with links to the next and previous, and a Cancel or Retry button on each job
 * that can take one (sent as forms, so they work without script and come back to the same filters).
 */
final class AdminJobsSection {

    private AdminJobsSection() {
    }

    /** {@code jobs} holds up to one more than a page: the extra one says there is a next page. */
    static void render(StringBuilder html, AdminFilters filters, List<String> tasks, List<Job> jobs, Instant now) {
        html.append("<section id=\"jobs-section\" aria-labelledby=\"jobs-title\">\n<h2 id=\"jobs-title\">Jobs</h2>\n");
        filterForm(html, filters, tasks);
        boolean more = jobs.size() > AdminFilters.PAGE_SIZE;
        List<Job> shown = more ? jobs.subList(0, AdminFilters.PAGE_SIZE) : jobs;
        html.append("<div data-live=\"jobs\">\n");
        if (shown.isEmpty()) {
            html.append("<p id=\"no-jobs\">No job matches these filters.</p>\n");
        } else {
            html.append("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"jobs-title\">\n")
                    .append("<table id=\"jobs\"><thead><tr><th scope=\"col\">Job</th><th scope=\"col\">Task</th>")
                    .append("<th scope=\"col\">State</th><th scope=\"col\">Created</th><th scope=\"col\">Waited</th>")
                    .append("<th scope=\"col\">Ran</th><th scope=\"col\">Memory peak</th><th scope=\"col\">Action</th></tr></thead><tbody>\n");
            shown.forEach(job -> row(html, job, filters, now));
            html.append("</tbody></table>\n</div>\n");
        }
        paging(html, filters, shown.size(), more);
        html.append("</div>\n</section>\n");
    }

    private static void filterForm(StringBuilder html, AdminFilters filters, List<String> tasks) {
        html.append("<form id=\"job-filters\" class=\"filters\" method=\"get\" action=\"/admin\">\n");
        select(html, "task", "Task", "All tasks", tasks, filters.task().orElse(""));
        select(html, "state", "State", "Any state", List.of("accepted", "running", "successful", "failed", "dismissed"),
                filters.state().map(JobState::wireName).orElse(""));
        windowSelect(html, "window", "Created", AdminFilters.LIST_WINDOWS, filters.window());
        windowSelect(html, "span", "Charts over", AdminFilters.CHART_SPANS, filters.span());
        html.append("<button type=\"submit\">Show</button>\n</form>\n");
    }

    private static void select(StringBuilder html, String name, String label, String any, List<String> values, String chosen) {
        html.append("<label>").append(label).append(" <select name=\"").append(name).append("\"><option value=\"\">")
                .append(any).append("</option>");
        values.forEach(v -> html.append("<option").append(v.equals(chosen) ? " selected" : "").append(">")
                .append(Html.escape(v)).append("</option>"));
        html.append("</select></label>\n");
    }

    private static void windowSelect(StringBuilder html, String name, String label, java.util.Set<AdminFilters.Window> allowed,
                                     AdminFilters.Window chosen) {
        html.append("<label>").append(label).append(" <select name=\"").append(name).append("\">");
        for (AdminFilters.Window w : AdminFilters.Window.values()) {
            if (allowed.contains(w)) {
                html.append("<option value=\"").append(w.wire).append("\"").append(w == chosen ? " selected" : "").append(">")
                        .append(w.words).append("</option>");
            }
        }
        html.append("</select></label>\n");
    }

    private static void row(StringBuilder html, Job job, AdminFilters filters, Instant now) {
        String id = job.id().value();
        html.append("<tr data-job-id=\"").append(id).append("\"><td><a href=\"/jobs/").append(id).append("\"><code>")
                .append(job.id().shortForm()).append("</code></a></td><td>").append(Html.escape(job.task())).append("</td><td><span class=\"status status-")
                .append(job.state().wireName()).append("\">").append(job.state().wireName()).append("</span>")
                .append(job.reason().map(r -> " <span class=\"reasons\">" + r.wireName() + "</span>").orElse(""))
                .append("</td><td><time datetime=\"").append(job.created()).append("\">").append(job.created()).append("</time></td><td>")
                .append(job.started().map(s -> AdminCharts.duration(Duration.between(job.created(), s))).orElse("—"))
                .append("</td><td>").append(job.started().map(s -> AdminCharts.duration(Duration.between(s, job.finished().orElse(now))))
                        .orElse("—"))
                .append("</td><td class=\"num\">").append(job.peakMemory().map(b -> new DataSize(b).toString()).orElse("—"))
                .append("</td><td>").append(action(job, filters)).append("</td></tr>\n");
    }

    private static String action(Job job, AdminFilters filters) {
        String verb = switch (job.state()) {
            case ACCEPTED, RUNNING -> "cancel";
            case FAILED, DISMISSED -> "retry";
            case SUCCESSFUL -> "";
        };
        if (verb.isEmpty()) {
            return "";
        }
        String words = verb.equals("cancel") ? "Cancel" : "Retry";
        return "<form class=\"inline\" method=\"post\" action=\"/admin/jobs/" + job.id().value() + "/" + verb + "\">"
                + "<input type=\"hidden\" name=\"back\" value=\"" + Html.escape(filters.query(filters.page())) + "\">"
                + "<button type=\"submit\" class=\"small\" aria-label=\"" + words + " job " + job.id().shortForm() + "\">"
                + words + "</button></form>";
    }

    private static void paging(StringBuilder html, AdminFilters filters, int shown, boolean more) {
        if (filters.page() == 1 && !more) {
            return;
        }
        int first = (filters.page() - 1) * AdminFilters.PAGE_SIZE + 1;
        html.append("<nav class=\"paging\" aria-label=\"Pages of jobs\"><span>Jobs ").append(shown == 0 ? 0 : first).append("–")
                .append(first + shown - 1).append("</span>");
        if (filters.page() > 1) {
            html.append(" <a rel=\"prev\" href=\"/admin").append(Html.escape(filters.query(filters.page() - 1))).append("\">Newer</a>");
        }
        if (more) {
            html.append(" <a rel=\"next\" href=\"/admin").append(Html.escape(filters.query(filters.page() + 1))).append("\">Older</a>");
        }
        html.append("</nav>\n");
    }
}
