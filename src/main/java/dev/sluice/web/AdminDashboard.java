package dev.sluice.web;

import dev.sluice.config.SluiceConfig;
import dev.sluice.store.Job;
import dev.sluice.store.JobQuery;
import dev.sluice.store.JobStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin page as a whole: the node (and the others sharing its database), the jobs list with its filters, the charts of what finished over the last
 * hour or day by task and by queue, the workers with their memory over time, the queues and the schedules.
 */
public final class AdminDashboard {

    // why: the charts read at most this many finished jobs, so a busy day costs a bounded read and a bounded page
    private static final int CHARTED_JOBS = 20_000;

    private final SluiceConfig config;
    private final JobStore store;
    private final Supplier<NodeOverview> overview;
    private final WorkerMemoryHistory history;
    private final Clock clock;

    public AdminDashboard(SluiceConfig config, JobStore store, Supplier<NodeOverview> overview, WorkerMemoryHistory history,
                          Clock clock) {
        this.config = config;
        this.store = store;
        this.overview = overview;
        this.history = history;
        this.clock = clock;
    }

    void send(Context ctx) {
        AdminFilters filters;
        try {
            filters = AdminFilters.parse(ctx::queryParam, config.tasks().keySet());
        } catch (IllegalArgumentException refused) {
            PageLayout.send(ctx, 400, "Admin", "error", "<h1>Admin</h1>\n<p class=\"problem\">" + Html.escape(refused.getMessage())
                    + "</p>\n<p><a href=\"/admin\">The admin page with no filter</a></p>\n");
            return;
        }
        Instant now = clock.instant();
        StringBuilder jobs = new StringBuilder();
        AdminJobsSection.render(jobs, filters, List.copyOf(config.tasks().keySet()), store.list(query(filters, now)), now);
        charts(jobs, filters, now);
        PageLayout.send(ctx, 200, "Admin", "admin", AdminPage.render(overview.get(),
                ClusterNodes.shared(store), config.server().auth().adminIfAny().isPresent(), jobs.toString(), history));
    }

    private static JobQuery query(AdminFilters filters, Instant now) {
        JobQuery query = JobQuery.everyones(AdminFilters.PAGE_SIZE + 1)
                .page((filters.page() - 1) * AdminFilters.PAGE_SIZE, AdminFilters.PAGE_SIZE + 1);
        query = filters.task().map(Set::of).map(query::ofTasks).orElse(query);
        query = filters.state().map(Set::of).map(query::inStates).orElse(query);
        if (filters.window() != AdminFilters.Window.ALL) {
            query = query.createdBetween(Optional.of(now.minus(filters.window().length)), Optional.empty());
        }
        return query;
    }

    private void charts(StringBuilder html, AdminFilters filters, Instant now) {
        Instant from = now.minus(filters.span().length);
        List<Job> finished = store.finishedSince(config.tasks().keySet(), from, CHARTED_JOBS);
        html.append("<section aria-labelledby=\"charts-title\">\n<h2 id=\"charts-title\">Finished over the ")
                .append(filters.span().words).append("</h2>\n<div data-live=\"charts\">\n");
        if (finished.size() == CHARTED_JOBS) {
            html.append("<p class=\"hint\">The latest ").append(CHARTED_JOBS).append(" jobs only.</p>\n");
        }
        AdminCharts.table(html, "by-task", "By task", "Task", JobStats.of(finished, Job::task,
                List.copyOf(config.tasks().keySet()), from, now), filters.span());
        AdminCharts.table(html, "by-queue", "By queue", "Queue", JobStats.of(finished, Job::queue,
                List.copyOf(config.queues().keySet()), from, now), filters.span());
        html.append("</div>\n</section>\n");
    }
}
