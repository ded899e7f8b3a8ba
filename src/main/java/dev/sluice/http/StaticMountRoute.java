package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.config.StaticMount;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers GET and HEAD under one mount's prefix: a file, a folder's index.html, the fallback, or 404; never a listing. */
final class StaticMountRoute {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StaticMountRoute.class);
    static final String INDEX = "index.html";
    private static final String REVALIDATE = "no-cache";

    private final String prefix;
    private final String pathTemplate;
    private final StaticFolder folder;
    private final StaticFileSender sender;
    private final String cacheControl;
    private final Optional<String> fallback;
    private final Hrefs hrefs;

    StaticMountRoute(String prefix, StaticMount mount, Optional<Path> configFile, Hrefs hrefs) throws IOException {
        this.prefix = prefix;
        // why: the mount at `/` is counted as `/<path>`, not `//<path>`
        this.pathTemplate = prefix.equals("/") ? "/<path>" : prefix + "/<path>";
        this.hrefs = hrefs;
        this.folder = new StaticFolder(mount.dirPath(), configFile);
        this.sender = new StaticFileSender(folder);
        this.cacheControl = mount.cacheFor().map(d -> "max-age=" + d.toSeconds()).orElse(REVALIDATE);
        this.fallback = mount.fallbackFile();
    }

    /** Gives back what the mount holds open once the server has stopped. */
    void close() {
        folder.close();
    }

    String prefix() {
        return prefix;
    }

    /** The route template a request below the prefix is counted under, made once rather than per request. */
    String pathTemplate() {
        return pathTemplate;
    }

    void get(Context ctx) throws IOException {
        // why: says which layer answered; the prefixed mounts should reach this only for what the core handler leaves
        log.debug("event=static-answer layer=javalin prefix={} method={}", prefix, ctx.method());
        get(new ContextExchange(ctx));
    }

    /** Answers a GET or HEAD under the prefix; a path that is not served is thrown as a problem. */
    void get(StaticExchange ex) throws IOException {
        String rawPath = ex.rawPath();
        StaticRequestPath path = StaticRequestPath.below(prefix, rawPath).orElseThrow(StaticRequestPath::notServed);
        StaticFolder.Found found = folder.find(path.names());
        if (found instanceof StaticFolder.Found.Folder dir) {
            if (!path.endsWithSlash()) {
                // why: relative links in the folder's index.html resolve against the folder only with the '/'
                String query = ex.query();
                ex.status(301);
                ex.header("Location", hrefs.to(rawPath) + "/" + (query == null ? "" : "?" + query));
                return;
            }
            found = folder.find(dir.real().resolve(INDEX));
        }
        if (found instanceof StaticFolder.Found.File file && sender.send(ex, file, cacheControl)) {
            return;
        }
        if (fallback.isPresent() && folder.find(List.of(fallback.get().split("/"))) instanceof StaticFolder.Found.File page
                && sender.send(ex, page, REVALIDATE)) {
            return;
        }
        throw StaticRequestPath.notServed();
    }

    void refuse(Context ctx) {
        ctx.header("Allow", "GET, HEAD");
        throw new SluiceException(405, "method-not-allowed", "Method not allowed",
                ctx.method() + " is not allowed on " + prefix + " (static files); use GET or HEAD", Map.of());
    }
}
