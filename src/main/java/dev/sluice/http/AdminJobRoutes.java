package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.queue.JobQueues;
import dev.sluice.queue.JobRetry;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin's actions on any submitter's job, from the admin page's buttons or a script: `POST
 * /admin/jobs/{id}/cancel` and `POST /admin/jobs/{id}/retry`. {@link AdminGuard} lets only the admin in, and
 * {@link CrossSiteGuard} refuses them from another site. A form is sent back to the admin page it came from.
 */
final class AdminJobRoutes {

    // why: `back` only ever names the admin page's own filters; anything else could send the admin elsewhere
    private static final Pattern BACK = Pattern.compile("\\?[A-Za-z0-9=&%._+-]{0,500}");

    private final JobRetry retry;
    private final JobQueues queues;
    private final Hrefs hrefs;

    AdminJobRoutes(JobRetry retry, JobQueues queues, Hrefs hrefs) {
        this.retry = retry;
        this.queues = queues;
        this.hrefs = hrefs;
    }

    void register(RoutesConfig routes) {
        routes.post("/admin/jobs/{id}/cancel", this::cancel);
        routes.post("/admin/jobs/{id}/retry", this::retry);
    }

    private void cancel(Context ctx) {
        JobId id = idOf(ctx);
        Job job = queues.cancel(id).orElseThrow(() -> noSuchJob(id));
        answer(ctx, HttpStatus.OK, Map.of("jobID", job.id().value(), "status", job.state().wireName()));
    }

    private void retry(Context ctx) {
        JobId id = idOf(ctx);
        Job again;
        try {
            again = retry.retry(id).orElseThrow(() -> noSuchJob(id));
        } catch (JobRetry.Refused refused) {
            throw new SluiceException(409, "cannot-retry", "Cannot retry", "job '" + id.value() + "' cannot be retried: "
                    + refused.getMessage());
        }
        ctx.header("Location", AbsoluteHrefs.of(ctx, hrefs.to("/jobs/" + again.id().value())));
        answer(ctx, HttpStatus.CREATED, Map.of("jobID", again.id().value(), "status", again.state().wireName(), "retryOf", id.value()));
    }

    private void answer(Context ctx, HttpStatus status, Map<String, String> document) {
        if (ctx.isFormUrlencoded()) {
            String back = ctx.formParam("back");
            String query = back != null && BACK.matcher(back).matches() ? back : "";
            ctx.redirect(hrefs.to("/admin" + query), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(status).json(document);
    }

    private static JobId idOf(Context ctx) {
        String text = ctx.pathParam("id");
        return JobId.parse(text).orElseThrow(() -> noSuchJob(text));
    }

    private static SluiceException noSuchJob(Object id) {
        return OgcExceptions.noSuchJob("there is no job '" + id + "'");
    }
}
