package dev.sluice.http;

import dev.sluice.config.AuthConfig;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobQuery;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * The jobs a request may see, for every route that reads, lists, streams or cancels jobs: one place decides,
 * so no route can forget. A job the caller may not see is reported exactly as a job that does not exist.
 */
public final class VisibleJobs {

    private final JobStore store;
    private final Callers callers;
    private final JobAccess access;

    VisibleJobs(JobStore store, AuthConfig auth, java.time.Clock clock) {
        this.store = store;
        this.callers = new Callers(new SubmitterTokens(store), new AdminLogins(auth, clock));
        this.access = new JobAccess(auth);
    }

    /** The job with this id if the caller may see it. */
    public Optional<Job> find(Context ctx, String rawId) {
        Caller caller = callers.of(ctx);
        return JobId.parse(rawId).flatMap(store::find).filter(job -> access.mayUse(caller, job));
    }

    /** Like {@link #find}, or a 410 problem for a job that retention removed, or a 404 problem naming the id. */
    Job require(Context ctx, String rawId) {
        return find(ctx, rawId).orElseThrow(() -> JobId.parse(rawId).flatMap(store.retention()::removedAt)
                .<RuntimeException>map(removed -> new dev.sluice.SluiceException(410, "job-removed", "Job removed",
                        "job " + rawId + " finished long enough ago that the server's retention policy removed it on " + removed,
                        java.util.Map.of("removed", removed.toString())))
                .orElseGet(() -> OgcExceptions.noSuchJob("there is no job '" + SubmissionReader.abbreviate(rawId) + "'")));
    }

    /**
     * The jobs that meet the criteria among those the caller may list (its own, or all of them for the admin or an open
     * list): whatever owner the criteria name is replaced, so criteria narrow what the caller sees, never widen it.
     */
    List<Job> list(Context ctx, JobQuery criteria) {
        Caller caller = callers.of(ctx);
        if (access.listsAll(caller)) {
            return store.list(criteria.ofEveryone());
        }
        return caller.key().map(key -> store.list(criteria.ownedBy(key))).orElse(List.of());
    }

    /** The submission, owned by the caller; a caller without a token gets one with the answer. */
    NewJob owned(Context ctx, NewJob job) {
        return job.ownedBy(callers.ownerKeyFor(ctx, callers.of(ctx)));
    }

    /** Who the caller is for per-client limits: its token when it sent one, else its address. */
    String clientKey(Context ctx) {
        return callers.of(ctx).key().map(key -> "token:" + key).orElse("address:" + ClientAddress.of(ctx).address());
    }

    /** Checks the admin's credentials (admin routes only: each check of a new password costs a password hash). */
    boolean isAdmin(Context ctx) {
        return callers.isAdmin(ctx);
    }
}
