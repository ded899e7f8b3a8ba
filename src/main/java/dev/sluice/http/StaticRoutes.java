package dev.sluice.http;

import dev.sluice.config.StaticConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The `static:` mounts as routes. A mount at `/` is registered after every route of Sluice's own, which Javalin
 * therefore matches first; among mounts the longest prefix is registered first, so `/tiles/a` is not looked up in `/`.
 */
final class StaticRoutes {

    private final List<StaticMountRoute> mounts = new ArrayList<>();
    private InternalRouter router;

    StaticRoutes(StaticConfig config, Hrefs hrefs) {
        config.mounts().forEach((prefix, mount) -> {
            try {
                mounts.add(new StaticMountRoute(prefix, mount, config.configFileIfKnown(), hrefs));
            } catch (IOException gone) {
                throw new UncheckedIOException("static mount " + prefix + ": cannot open " + mount.dir(), gone);
            }
        });
        mounts.sort(Comparator.comparingInt((StaticMountRoute m) -> m.prefix().length()).reversed());
    }

    /**
     * The handler that answers GET and HEAD under the prefixed mounts ahead of Javalin; their routes below stay for
     * what it leaves (other methods, requests with a body).
     */
    StaticMountHandler handler(Hrefs hrefs, com.fasterxml.jackson.databind.ObjectMapper json,
                               dev.sluice.metrics.HttpRequestMetrics metrics, java.util.Optional<CorsPolicy> cors) {
        return new StaticMountHandler(mounts.stream().filter(m -> !m.prefix().equals("/")).toList(), hrefs, json, metrics, cors,
                () -> mounts.forEach(StaticMountRoute::close));
    }

    /**
     * Registers the mounts under a prefix of their own, such as `/tiles`. No route of Sluice begins with their first
     * segment, so they may come first.
     * why: Javalin tries routes in order; first, a tile request is matched against one pattern instead of forty
     */
    void registerPrefixed(RoutesConfig routes) {
        register(routes, mounts.stream().filter(m -> !m.prefix().equals("/")).toList());
    }

    /** Registers the mount at `/`, if any: after every route of Sluice's own, so that each of them answers first. */
    void registerRoot(RoutesConfig routes) {
        register(routes, mounts.stream().filter(m -> m.prefix().equals("/")).toList());
    }

    /**
     * Whether a GET route of Sluice's own answers this path (a HEAD request then gets Javalin's answer to HEAD on a
     * GET route, an empty 200, as it does without mounts).
     * why: Javalin tries HEAD routes before it looks for a GET route, so the mount at / would otherwise take them
     */
    private boolean answeredByOwnRoute(Context ctx) {
        if (router == null) {
            return false;
        }
        List<ParsedEndpoint> matches = router.findHttpHandlerEntries(HandlerType.GET, ctx.path());
        return !matches.isEmpty() && !ownPaths().contains(matches.getFirst().endpoint.path);
    }

    private void register(RoutesConfig routes, List<StaticMountRoute> mounts) {
        for (StaticMountRoute mount : mounts) {
            for (String path : pathsOf(mount)) {
                routes.get(path, mount::get);
                routes.head(path, ctx -> {
                    if (!answeredByOwnRoute(ctx)) {
                        mount.get(ctx);
                    }
                });
                routes.post(path, mount::refuse);
                routes.put(path, mount::refuse);
                routes.patch(path, mount::refuse);
                routes.delete(path, mount::refuse);
            }
        }
    }

    /**
     * Keeps the router for HEAD requests, and fails the start when a route of Sluice's own begins with a segment that
     * {@link StaticConfig#ROUTE_SEGMENTS} lacks.
     * why: the config is checked against that list before any route exists; a route added without it could be hidden by a mount
     */
    void requireKnown(InternalRouter router) {
        this.router = router;
        java.util.Set<String> own = ownPaths();
        for (String path : router.allHttpHandlers().stream().map(e -> e.endpoint.path).toList()) {
            if (own.contains(path) || path.equals("*") || path.equals("/") || !path.startsWith("/")) {
                continue;
            }
            String first = path.substring(1).split("/", 2)[0];
            if (!StaticConfig.ROUTE_SEGMENTS.contains(first)) {
                throw new IllegalStateException("route " + path + " is missing from StaticConfig.ROUTE_SEGMENTS");
            }
        }
    }

    private java.util.Set<String> ownPaths() {
        java.util.Set<String> own = new java.util.HashSet<>();
        mounts.forEach(mount -> own.addAll(pathsOf(mount)));
        return own;
    }

    private static List<String> pathsOf(StaticMountRoute mount) {
        return mount.prefix().equals("/") ? List.of(mount.pathTemplate()) : List.of(mount.prefix(), mount.pathTemplate());
    }
}
