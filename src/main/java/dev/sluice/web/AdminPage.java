package dev.sluice.web;

import dev.sluice.config.DataSize;
import dev.sluice.schedule.ScheduleStatus;
import dev.sluice.worker.WorkerInfo;
import java.util.List;
import java.util.Locale;

/**
 * The admin page: maintenance mode, the nodes sharing the database (if it is shared), worker processes, queues, broken
 * tasks and schedules, refreshed every few seconds.
 */
final class AdminPage {

    private AdminPage() {
    }

    /**
     * {@code cluster}: the nodes, when several share the database; {@code passwordSet}: whether the admin's password
     * ({@code server.auth.admin}) guards this page; {@code jobs}: the jobs list and charts, already HTML; {@code history}:
     * the workers' memory over time.
     */
    static String render(NodeOverview node, java.util.Optional<ClusterNodes> cluster, boolean passwordSet, String jobs,
                         WorkerMemoryHistory history) {
        StringBuilder html = new StringBuilder("<h1>Admin</h1>\n<p class=\"hint\" id=\"admin-guard\">")
                .append(passwordSet ? "This page and <code>/admin/status</code> need the admin's password (<code>server.auth.admin</code>)."
                        : "No admin password is set (<code>server.auth.admin</code>), so this page answers only requests from"
                        + " this machine; <code>sluice hash-password</code> makes one.")
                .append(" The same data as JSON: <a href=\"/admin/status\">/admin/status</a>.</p>\n");
        MaintenancePage.adminSection(html, node.maintenance());
        nodeSection(html, node);
        cluster.ifPresent(nodes -> AdminNodesSection.render(html, nodes));
        html.append(jobs);
        html.append("<section aria-labelledby=\"workers-title\"><h2 id=\"workers-title\">Workers</h2>\n<div data-live=\"workers\">\n");
        if (node.workers().isEmpty()) {
            html.append("<p id=\"no-workers\">No worker process is running.</p>\n");
        } else {
            html.append("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"workers-title\">\n")
                    .append("<table id=\"workers\"><thead><tr><th>PID</th><th>Task</th><th>Mode</th><th>Current job</th>")
                    .append("<th>Jobs done</th><th>Memory</th><th>Memory over time</th><th>Since</th></tr></thead><tbody>\n");
            for (WorkerInfo w : node.workers()) {
                html.append("<tr><td>").append(w.pid()).append("</td><td>").append(Html.escape(w.task())).append("</td><td>")
                        .append(w.mode().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                        .append(w.job().map(j -> "<a href=\"/jobs/" + j.value() + "\"><code>" + j.value() + "</code></a>").orElse("idle"))
                        .append("</td><td>").append(w.mode() == dev.sluice.config.TaskMode.WARM ? String.valueOf(w.jobsDone()) : "—")
                        .append("</td><td>").append(new DataSize(w.memoryBytes()))
                        .append("</td><td>").append(AdminCharts.memoryLine(history.of(w)))
                        .append("</td><td><time datetime=\"").append(w.started()).append("\">").append(w.started())
                        .append("</time></td></tr>\n");
            }
            html.append("</tbody></table>\n</div>\n");
        }
        html.append("</div>\n</section>\n<section aria-labelledby=\"queues-title\"><h2 id=\"queues-title\">Queues</h2>\n")
                .append("<div data-live=\"queues\" class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"queues-title\">\n")
                .append("<table id=\"queues\"><thead><tr><th>Queue</th><th>Waiting</th><th>Running</th>")
                .append("<th>Concurrency</th><th>Max waiting</th></tr></thead><tbody>\n");
        node.queues().forEach(q -> html.append("<tr><td>").append(Html.escape(q.name())).append("</td><td>").append(q.waiting())
                .append("</td><td>").append(q.running()).append("</td><td>").append(q.concurrency()).append("</td><td>")
                .append(q.maxWaiting()).append("</td></tr>\n"));
        html.append("</tbody></table>\n</div>\n</section>\n<h2>Broken tasks</h2>\n");
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

    /** The node's memory budget and the free space of its data folder, as meters with the figures in words. */
    private static void nodeSection(StringBuilder html, NodeOverview node) {
        html.append("<section aria-labelledby=\"node-title\"><h2 id=\"node-title\">This node</h2>\n<div data-live=\"node\" class=\"meters\">\n");
        long budget = node.memory().budget();
        meter(html, "memory-meter", "Memory budget held by running jobs", node.memory().reserved(), budget,
                new DataSize(node.memory().reserved()) + " of " + new DataSize(budget) + " (node.memory-budget)");
        node.disk().ifPresent(disk -> meter(html, "disk-meter", "Disk used where the data is kept", disk.total() - disk.usable(),
                disk.total(), new DataSize(disk.usable()) + " free of " + new DataSize(disk.total())));
        html.append("</div>\n</section>\n");
    }

    private static void meter(StringBuilder html, String id, String label, long value, long max, String words) {
        html.append("<p class=\"meter-row\"><label for=\"").append(id).append("\">").append(label).append("</label> ")
                .append("<meter id=\"").append(id).append("\" min=\"0\" max=\"").append(Math.max(1, max)).append("\" value=\"")
                .append(Math.max(0, value)).append("\" high=\"").append(Math.max(1, max) * 9 / 10).append("\">").append(Html.escape(words))
                .append("</meter> <span>").append(Html.escape(words)).append("</span></p>\n");
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
