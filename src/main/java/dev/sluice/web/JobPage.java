package dev.sluice.web;

import dev.sluice.config.TaskConfig;
import dev.sluice.events.LogFileTail;
import dev.sluice.queue.QueueEstimates;
import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.worker.JobFolder;
import dev.sluice.worker.ProgressLine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A job's page as it stands when it is opened: state, place in the queue, progress and stage, the tail of the
 * log, a cancel button and the declared outputs. sluice.js then keeps it live from the job's event stream and
 * fills in the results.
 */
final class JobPage {

    static final int LOG_LINES = 200;

    private final JobStore store;
    private final QueueEstimates estimates;
    private final Path dataDir;
    private final Clock clock;

    JobPage(JobStore store, QueueEstimates estimates, Path dataDir, Clock clock) {
        this.store = store;
        this.estimates = estimates;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    String render(Job job, Optional<TaskConfig> task) {
        String title = task.map(t -> t.title() == null ? job.task() : t.title()).orElse(job.task());
        String state = job.state().wireName();
        StringBuilder html = new StringBuilder("<article id=\"job\" class=\"job\" data-job-id=\"").append(job.id().value())
                .append("\" data-status=\"").append(state).append("\" data-task=\"").append(Html.escape(job.task()))
                .append("\" data-title=\"").append(Html.escape(title)).append("\">\n")
                .append("<h1>").append(Html.escape(title)).append("</h1>\n")
                .append("<p class=\"job-id\">job <code>").append(job.id().value()).append("</code>, submitted <time datetime=\"")
                .append(job.created()).append("\">").append(job.created()).append("</time></p>\n")
                .append("<p>State: <span id=\"job-status\" class=\"status status-").append(state).append("\">").append(state)
                .append("</span> <span id=\"job-reason\" class=\"reason\">")
                .append(job.reason().map(r -> "(" + r.wireName() + ")").orElse("")).append("</span></p>\n")
                .append("<p id=\"job-queue\" class=\"queue\"").append(whereItStands(job).isEmpty() ? " hidden" : "").append(">")
                .append(Html.escape(whereItStands(job))).append("</p>\n")
                .append("<div class=\"progress-row\"><progress id=\"job-progress\" max=\"100\" aria-label=\"Progress\"")
                .append(progressValue(job)).append("></progress> <span id=\"job-progress-value\">")
                .append(job.progress().map(p -> p + "%").orElse("")).append("</span></div>\n")
                .append("<p id=\"job-message\" class=\"message\">").append(Html.escape(job.message())).append("</p>\n")
                .append("<p><button type=\"button\" id=\"job-cancel\"").append(job.state().isFinal() ? " hidden" : "")
                .append(">Cancel job</button></p>\n");
        html.append("<section id=\"job-results\" class=\"results\"").append(job.state() == JobState.SUCCESSFUL ? "" : " hidden")
                .append(">\n<h2>Results</h2>\n<ul>\n");
        // why: /req/html/content, each result reachable from the page itself; the script then shows it inline
        task.ifPresent(t -> t.outputs().forEach((name, spec) -> {
            String outputTitle = Html.escape(spec.title() == null ? name : spec.title());
            html.append("<li class=\"result\" data-output=\"").append(Html.escape(name)).append("\" data-title=\"").append(outputTitle)
                    .append("\">");
            if (job.state() == JobState.SUCCESSFUL) {
                html.append("<a href=\"/jobs/").append(job.id().value()).append("/results/")
                        .append(Html.escape(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")))
                        .append("\">").append(outputTitle).append("</a>");
            }
            html.append("</li>\n");
        }));
        html.append("</ul>\n</section>\n");
        // why: progress lines are drawn as the bar; the whole log (linked below) keeps them
        List<String> lines = LogFileTail.read(JobFolder.of(dataDir, job.id()), LOG_LINES).stream()
                .filter(line -> ProgressLine.parse(line).isEmpty()).toList();
        html.append("<section id=\"job-log-section\" class=\"log\"").append(lines.isEmpty() ? " hidden" : "")
                .append(">\n<h2>Log</h2>\n<pre id=\"job-log\" class=\"log-tail\">");
        lines.forEach(line -> html.append(Html.escape(line)).append('\n'));
        html.append("</pre>\n<p><a href=\"/jobs/").append(job.id().value()).append("/log\">The whole log</a></p>\n</section>\n")
                .append("</article>\n");
        return html.toString();
    }

    /** "3rd in line, about 4 min until it starts" while it waits, "about 2 min left" while it runs. */
    private String whereItStands(Job job) {
        Optional<QueueEstimates.Estimate> estimate = estimates.estimate(job);
        return switch (job.state()) {
            case ACCEPTED -> QueueText.describe(store.positionInQueue(job) + 1, estimate.flatMap(QueueEstimates.Estimate::start),
                    clock.instant());
            case RUNNING -> estimate.flatMap(QueueEstimates.Estimate::finish).map(f -> QueueText.left(f, clock.instant())).orElse("");
            default -> "";
        };
    }

    private static String progressValue(Job job) {
        if (job.state() == JobState.SUCCESSFUL) {
            return " value=\"100\"";
        }
        return job.progress().map(p -> " value=\"" + p + "\"").orElse(job.state() == JobState.RUNNING ? "" : " value=\"0\"");
    }
}
