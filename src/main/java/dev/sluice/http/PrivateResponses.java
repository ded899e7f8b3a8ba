package dev.sluice.http;

import io.javalin.http.Context;

/**
 * Keeps answers that belong to one submitter out of shared caches, and tells every cache which request headers
 * an answer depends on: a job's documents, log, results and events are `private, no-store`, and whatever is
 * negotiated by `Accept` or by credentials says so in `Vary`.
 */
final class PrivateResponses {

    static final String PRIVATE = "private, no-store";
    private static final String BY_CALLER = "Accept, Cookie, Authorization";

    private PrivateResponses() {
    }

    /** Marks the answers of the job routes and of the content-negotiated ones. */
    static void register(io.javalin.config.RoutesConfig routes) {
        routes.before("/jobs", PrivateResponses::job);
        routes.before("/jobs/*", PrivateResponses::job);
        routes.before("/", PrivateResponses::negotiated);
        routes.before("/processes", PrivateResponses::negotiated);
        routes.before("/processes/*", PrivateResponses::negotiated);
        routes.before("/conformance", PrivateResponses::negotiated);
    }

    /** Job routes: the answer depends on who asks. */
    static void job(Context ctx) {
        ctx.header("Cache-Control", PRIVATE);
        ctx.res().addHeader("Vary", BY_CALLER);
    }

    /** Routes that answer HTML or JSON by `Accept` (and show a caller's own jobs on the pages). */
    static void negotiated(Context ctx) {
        ctx.res().addHeader("Vary", BY_CALLER);
    }
}
