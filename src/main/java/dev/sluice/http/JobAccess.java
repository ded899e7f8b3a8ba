package dev.sluice.http;

import dev.sluice.config.AuthConfig;
import dev.sluice.store.Job;

/**
 * Who may see which job. A job another caller may not see is answered exactly like one that does not exist
 * (404), so its existence does not leak.
 */
final class JobAccess {

    private final AuthConfig auth;

    JobAccess(AuthConfig auth) {
        this.auth = auth;
    }

    /** Reading and cancelling one job by its id. */
    boolean mayUse(Caller caller, Job job) {
        return caller.admin() || auth.submit() == AuthConfig.SubmitMode.PUBLIC || caller.owns(job.owner());
    }

    /** Whether the job list shows every job to this caller, rather than its own. */
    boolean listsAll(Caller caller) {
        return caller.admin() || (auth.submit() == AuthConfig.SubmitMode.PUBLIC && auth.listAll());
    }
}
