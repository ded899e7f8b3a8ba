package dev.sluice.http;

import dev.sluice.config.OutputSpec;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SyncConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import dev.sluice.worker.JobFolder;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Synchronous execution (OGC API – Processes, `sync-execute`): for a task with `sync`, an execute request without
 * `Prefer: respond-async` waits for the job's end through the event hub (no polling) and is answered with its
 * results document (200); a job that did not succeed gets the problem its results would answer (a status and type
 * that say why, as /req/core/job-results-failed has it); a job still running after
 * `sync.max-wait` is answered as an asynchronous one, by the caller.
 */
final class SyncExecution {

    /** The request attribute holding the outputs a JSON execute request asked for; absent means all of them. */
    static final String REQUESTED_OUTPUTS = "sluice.requested-outputs";
    /** The request attribute saying the request named `"response": "document"` (OGC 18-062r2's way to ask for one). */
    static final String DOCUMENT_ASKED = "sluice.response-document";

    private final JobWaiter waiter;
    private final ResultDocuments results;
    private final Path dataDir;
    private final Hrefs hrefs;

    SyncExecution(SluiceConfig config, JobWaiter waiter, ResultDocuments results, Path dataDir) {
        this.waiter = waiter;
        this.results = results;
        this.dataDir = dataDir;
        this.hrefs = Hrefs.of(config);
    }

    /** Whether the request asks to be answered at once, with the job's status (RFC 7240 `respond-async`). */
    static boolean prefersAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            if (preference.split(";", 2)[0].trim().equalsIgnoreCase("respond-async")) {
                return true;
            }
        }
        return false;
    }

    /** The sync settings of {@code task} when this request is to be answered synchronously. */
    static Optional<SyncConfig> wanted(Context ctx, TaskConfig task) {
        return prefersAsync(ctx.header("Prefer")) ? Optional.empty() : task.syncIfAny();
    }

    /** Waits for {@code accepted} to end and answers with its outcome; false when it outlived the wait (nothing sent). */
    boolean answer(Context ctx, Job accepted, TaskConfig task, SyncConfig sync) {
        Job end = waiter.awaitEnd(accepted, sync.maxWait());
        if (!end.state().isFinal()) {
            return false;
        }
        String status = AbsoluteHrefs.of(ctx, hrefs.to("/jobs/" + end.id().value()));
        // why: the job stays readable after a synchronous answer; a client finds its status and log through this
        ctx.header("Link", "<" + status + ">; rel=\"monitor\"");
        if (end.state() != JobState.SUCCESSFUL) {
            throw FailedJobProblems.of(end);
        }
        JobFolder folder = JobFolder.of(dataDir, end.id());
        java.util.Set<String> requested = ctx.attribute(REQUESTED_OUTPUTS);
        if (requested == null) {
            requested = task.outputs().keySet();
        }
        if (requested.size() == 1 && !Boolean.TRUE.equals(ctx.attribute(DOCUMENT_ASKED))) {
            // why: /req/core/process-execute-sync-one: one requested output is answered as its value itself, not a document
            OutputSpec only = task.outputs().get(requested.iterator().next());
            Optional<Path> file = folder.outputFile(only.file());
            if (file.isPresent()) {
                try {
                    JobRoutes.serveOutput(ctx.status(200), only, file.get());
                } catch (java.io.IOException unreadable) {
                    throw new java.io.UncheckedIOException("cannot send output of job " + end.id(), unreadable);
                }
                return true;
            }
        }
        ctx.status(200).json(results.of(end, folder, task, href -> AbsoluteHrefs.of(ctx, href), requested));
        return true;
    }
}
