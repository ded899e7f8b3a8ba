package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.store.FailureReason;
import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What asking for the results of a job that ended without them answers (/req/core/job-results-failed): an HTTP status
 * and a problem `type` that say why, from the job's failure reason, with the job's message.
 */
final class FailedJobProblems {

    private FailedJobProblems() {
    }

    /** The problem for {@code job}, which ended failed or dismissed. */
    static SluiceException of(Job job) {
        String why = job.state() == JobState.DISMISSED
                ? job.reason().map(FailureReason::wireName).orElse("dismissed")
                : job.reason().map(FailureReason::wireName).orElse("failed");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("jobID", job.id().value());
        facts.put("processID", job.task());
        facts.put("jobStatus", job.state().wireName());
        job.reason().ifPresent(reason -> facts.put("reason", reason.wireName()));
        return new SluiceException(status(job), "job-" + why, title(job), "job " + job.id() + " ended "
                + job.state().wireName() + job.reason().map(r -> " (" + r.wireName() + ")").orElse("")
                + " and has no results: " + job.message(), facts);
    }

    // why: the code says whose the failure is: the job was stopped or dropped (410), the server ran out of disk (507),
    // the task cannot run at the moment (503), it ran out of time (504), or the process itself failed (500)
    private static int status(Job job) {
        if (job.state() == JobState.DISMISSED) {
            return 410;
        }
        return switch (job.reason().orElse(FailureReason.INTERNAL)) {
            case DISK_FULL -> 507;
            case PREFLIGHT, LAUNCH -> 503;
            case TIMEOUT -> 504;
            case EXPIRED -> 410;
            case EXIT_CODE, MEMORY, CRASHED, INTERRUPTED, INVALID_OUTPUT, INTERNAL -> 500;
        };
    }

    private static String title(Job job) {
        return job.state() == JobState.DISMISSED ? "Job dismissed" : "Job failed";
    }
}
