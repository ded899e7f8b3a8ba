package dev.sluice.web;

import dev.sluice.config.DataSize;
import dev.sluice.schedule.ScheduleStatus;
import dev.sluice.worker.WorkerInfo;
import java.util.List;
import java.util.Locale;

/** The admin page: maintenance mode, worker processes, queues, broken tasks and schedules, refreshed every few seconds. */
final class AdminPage {

    static final String REFRESH = "<meta http-equiv=\"refresh\" content=\"5\">\n";

    private AdminPage() {
    }

    /** {@code passwordSet}: whether the admin's password ({@code server.auth.admin}) guards this page. */
    static String render(NodeOverview node, boolean passwordSet) {
        StringBuilder html = new StringBuilder("<h1>Admin</h1>\n<p class=\"hint\" id=\"admin-guard\">")
                .append(passwordSet ? "This page and <code>/admin/status</code> need the admin's password (<code>server.auth.admin</code>)."
                        : "No admin password is set (<code>server.auth.admin</code>), so this page answers only requests from"
                        + " this machine; <code>sluice hash-password</code> makes one.")
                .append(" The same data as JSON: <a href=\"/admin/status\">/admin/status</a>.</p>\n");
        MaintenancePage.adminSection(html, node.maintenance());
        html.append("<h2>Workers</h2>\n");
        if (node.workers().isEmpty()) {
            html.append("<p id=\"no-workers\">No worker process is running.</p>\n");
        } else {
            html.append("<table id=\"workers\"><thead><tr><th>PID</th><th>Task</th><th>Mode</th><th>Current job</th>")
                    .append("<th>Jobs done</th><th>Memory</th><th>Since</th></tr></thead><tbody>\n");
            for (WorkerInfo w : node.workers()) {
                html.append("<tr><td>").append(w.pid()).append("</td><td>").append(Html.escape(w.task())).append("</td><td>")
                        .append(w.mode().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                        .append(w.job().map(j -> "<a href=\"/jobs/" + j.value() + "\"><code>" + j.value() + "</code></a>").orElse("idle"))
                        .append("</td><td>").append(w.mode() == dev.sluice.config.TaskMode.WARM ? String.valueOf(w.jobsDone()) : "—")
                        .append("</td><td>").append(new DataSize(w.memoryBytes()))
                        .append("</td><td><time datetime=\"").append(w.started()).append("\">").append(w.started())
                        .append("</time></td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        html.append("<h2>Queues</h2>\n<table id=\"queues\"><thead><tr><th>Queue</th><th>Waiting</th><th>Running</th>")
                .append("<th>Concurrency</th><th>Max waiting</th></tr></thead><tbody>\n");
        node.queues().forEach(q -> html.append("<tr><td>").append(Html.escape(q.name())).append("</td><td>").append(q.waiting())
                .append("</td><td>").append(q.running()).append("</td><td>").append(q.concurrency()).append("</td><td>")
                .append(q.maxWaiting()).append("</td></tr>\n"));
        html.append("</tbody></table>\n<h2>Broken tasks</h2>\n");
        if (node.brokenTasks().isEmpty()) {
            html.append("<p id=\"no-broken\">None.</p>\n");
        } else {
            html.append("<table id=\"broken\"><thead><tr><th>Task</th><th>Why</th></tr></thead><tbody>\n");
            node.brokenTasks().forEach((task, why) -> html.append("<tr><td>").append(Html.escape(task)).append("</td><td>")
                    .append(Html.escape(why)).append("</td></tr>\n"));
            html.append("</tbody></table>\n");
        }
        schedules(html, node.schedules());
        return html.toString();
    }

    private static void schedules(StringBuilder html, List<ScheduleStatus> schedules) {
        if (schedules.isEmpty()) {
            return;
        }
        html.append("<h2>Schedules</h2>\n<table id=\"schedules\"><thead><tr><th>Schedule</th><th>Task</th><th>When</th>")
                .append("<th>Last tick</th><th>Outcome</th><th>Next tick</th></tr></thead><tbody>\n");
        for (ScheduleStatus s : schedules) {
            html.append("<tr><td>").append(Html.escape(s.name())).append("</td><td>").append(Html.escape(s.config().task()))
                    .append("</td><td>").append(Html.escape(s.timing())).append("</td><td>")
                    .append(s.lastTick().map(t -> Html.escape(t.at().toString())).orElse("never")).append("</td><td>")
                    .append(s.lastTick().map(t -> outcome(t, s)).orElse("")).append("</td><td>")
                    .append(Html.escape(s.nextTick().toString())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String outcome(dev.sluice.store.ScheduleTick tick, ScheduleStatus status) {
        if (tick.job().isEmpty()) {
            return Html.escape(tick.outcome().wire());
        }
        String id = tick.job().get().value();
        return "<a href=\"/jobs/" + Html.escape(id) + "\">" + Html.escape(status.lastJobState().map(st -> st.wireName()).orElse("fired"))
                + "</a>";
    }
}
