package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.config.AuthConfig;
import io.javalin.http.Context;

/**
 * Keeps the admin pages and API to the admin: with `server.auth.admin` set, HTTP Basic with those credentials;
 * without, only requests from this machine (the demo), since the pages show every running job's id.
 */
final class AdminGuard {

    private final boolean credentialsConfigured;
    private final VisibleJobs jobs;

    AdminGuard(AuthConfig auth, VisibleJobs jobs) {
        this.credentialsConfigured = auth.adminIfAny().isPresent();
        this.jobs = jobs;
    }

    void check(Context ctx) {
        if (credentialsConfigured) {
            if (!jobs.isAdmin(ctx)) {
                ctx.header("WWW-Authenticate", "Basic realm=\"sluice admin\", charset=\"UTF-8\"");
                throw new SluiceException(401, "admin-only", "Admin only", "the admin pages need the admin's user name and password");
            }
            return;
        }
        if (!fromThisMachine(ctx)) {
            throw new SluiceException(403, "admin-only", "Admin only",
                    "the admin pages are open only on this machine until server.auth.admin is set in the config");
        }
    }

    // why: behind a proxy every visitor arrives from the proxy's address; ClientAddress believes only trusted proxies
    private static boolean fromThisMachine(Context ctx) {
        return ClientAddress.of(ctx).onThisMachine();
    }
}
