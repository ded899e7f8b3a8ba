package dev.sluice.config;

import java.util.function.BiConsumer;

/** What makes `server.cors` or `server.trusted-proxies` unusable: a text that is no origin or no address block, a wildcard with credentials. */
final class EdgeChecks {

    private EdgeChecks() {
    }

    static void check(ServerConfig server, BiConsumer<String, String> problem) {
        for (int i = 0; i < server.trustedProxies().size(); i++) {
            int at = i;
            AddressRange.problemWith(server.trustedProxies().get(i)).ifPresent(why -> problem.accept("/server/trusted-proxies/" + at, why));
        }
        server.corsIfAny().ifPresent(cors -> checkCors(cors, problem));
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
