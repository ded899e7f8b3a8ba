package dev.sluice.http;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** `GET /sluice.py`: the Python helper for warm tasks, so a task's author can fetch it from the server that will run it. */
final class PythonHelperRoutes {

    private static final String RESOURCE = "/python/sluice.py";

    // why: read once at start-up, so a jar built without the helper fails at once rather than on the first download
    private final byte[] helper = load();

    void register(RoutesConfig routes) {
        routes.get("/sluice.py", ctx -> {
            ctx.contentType("text/x-python; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"sluice.py\"");
            ctx.result(helper);
        });
    }

    private static byte[] load() {
        try (InputStream in = PythonHelperRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the jar", e);
        }
    }
}
