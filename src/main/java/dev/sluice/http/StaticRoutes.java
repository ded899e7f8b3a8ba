package dev.sluice.http;

import dev.sluice.config.StaticConfig;
import io.javalin.config.RoutesConfig;
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

    StaticRoutes(StaticConfig config) {
        config.mounts().forEach((prefix, mount) -> {
            try {
                mounts.add(new StaticMountRoute(prefix, mount, config.configFileIfKnown()));
            } catch (IOException gone) {
                throw new UncheckedIOException("static mount " + prefix + ": cannot open " + mount.dir(), gone);
            }
        });
        mounts.sort(Comparator.comparingInt((StaticMountRoute m) -> m.prefix().length()).reversed());
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

    private static void register(RoutesConfig routes, List<StaticMountRoute> mounts) {
        for (StaticMountRoute mount : mounts) {
            for (String path : pathsOf(mount)) {
                routes.get(path, mount::get);
                routes.head(path, mount::get);
                routes.post(path, mount::refuse);
                routes.put(path, mount::refuse);
                routes.patch(path, mount::refuse);
                routes.delete(path, mount::refuse);
            }
        }
    }

    /**
     * Fails the start when a route of Sluice's own begins with a segment that {@link StaticConfig#ROUTE_SEGMENTS} lacks.
     * why: the config is checked against that list before any route exists; a route added without it could be hidden by a mount
     */
    void requireKnown(List<String> registeredPaths) {
        java.util.Set<String> own = new java.util.HashSet<>();
        mounts.forEach(mount -> own.addAll(pathsOf(mount)));
        for (String path : registeredPaths) {
            if (own.contains(path) || path.equals("*") || path.equals("/") || !path.startsWith("/")) {
                continue;
            }
            String first = path.substring(1).split("/", 2)[0];
            if (!StaticConfig.ROUTE_SEGMENTS.contains(first)) {
                throw new IllegalStateException("route " + path + " is missing from StaticConfig.ROUTE_SEGMENTS");
            }
        }
    }

    private static List<String> pathsOf(StaticMountRoute mount) {
        return mount.prefix().equals("/") ? List.of("/<path>") : List.of(mount.prefix(), mount.prefix() + "/<path>");
    }
}
