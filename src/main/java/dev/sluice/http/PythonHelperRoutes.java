package dev.sluice.http;

import dev.sluice.worker.PythonHelper;
import io.javalin.config.RoutesConfig;

/** `GET /sluice.py`: the Python helper for warm tasks, so a task's author can fetch it from the server that will run it. */
final class PythonHelperRoutes {

    // why: read once at start-up, so a jar built without the helper fails at once rather than on the first download
    private final byte[] helper = PythonHelper.source();

    void register(RoutesConfig routes) {
        routes.get("/sluice.py", ctx -> {
            ctx.contentType("text/x-python; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"sluice.py\"");
            ctx.result(helper);
        });
    }
}
