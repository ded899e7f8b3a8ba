package dev.sluice.config;

import java.util.function.BiConsumer;

/**
 * What makes `server.cors`, `server.trusted-proxies` or `server.base-path` unusable: a text that is no origin, no
 * address block or no plain path, a wildcard with credentials, a prefix that would be mistaken for one of Sluice's routes.
 */
final class EdgeChecks {

    private EdgeChecks() {
    }

    static void check(ServerConfig server, BiConsumer<String, String> problem) {
        for (int i = 0; i < server.trustedProxies().size(); i++) {
            int at = i;
            AddressRange.problemWith(server.trustedProxies().get(i)).ifPresent(why -> problem.accept("/server/trusted-proxies/" + at, why));
        }
        server.corsIfAny().ifPresent(cors -> checkCors(cors, problem));
        checkBasePath(server.basePath(), problem);
    }

    // why: a proxy may strip the prefix or pass it on; a first segment that is also a route of Sluice's would be ambiguous
    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private static void checkBasePath(String basePath, BiConsumer<String, String> problem) {
        if (basePath.isEmpty()) {
            return;
        }
        if (!PATH.matcher(basePath).matches() || java.util.Arrays.stream(basePath.split("/")).anyMatch(s -> s.equals(".") || s.equals(".."))) {
            problem.accept("/server/base-path", "must be a path such as /sluice: segments of letters, digits, '.', '_', '~' and '-',"
                    + " each after a '/', without '.' or '..' segments");
            return;
        }
        String first = basePath.substring(1).split("/")[0];
        if (StaticConfig.ROUTE_SEGMENTS.contains(first)) {
            problem.accept("/server/base-path", "cannot start with /" + first + ", which Sluice answers itself; choose another"
                    + " prefix, such as /sluice");
        }
    }

    private static void checkCors(CorsConfig cors, BiConsumer<String, String> problem) {
        if (cors.origins().isEmpty()) {
            problem.accept("/server/cors/origins", "needs at least one origin, such as [https://app.example]");
        }
        for (int i = 0; i < cors.origins().size(); i++) {
            String origin = cors.origins().get(i);
            String at = "/server/cors/origins/" + i;
            if (CorsConfig.ANY_ORIGIN.equals(origin.trim())) {
                if (cors.credentials()) {
                    problem.accept(at, "'*' cannot be used with credentials: true (browsers refuse it, and it would let every"
                            + " site act with a visitor's cookies); list the origins, or set credentials: false");
                }
                continue;
            }
            WebOrigin.problemWith(origin).ifPresent(why -> problem.accept(at, why));
        }
        if (cors.maxAge().isNegative()) {
            problem.accept("/server/cors/max-age", "cannot be negative");
        } else if (cors.maxAge().compareTo(CorsConfig.LONGEST_MAX_AGE) > 0) {
            problem.accept("/server/cors/max-age", "must be at most 24h (browsers keep a preflight no longer than that)");
        }
    }
}
