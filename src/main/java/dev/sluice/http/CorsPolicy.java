package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.config.CorsConfig;
import dev.sluice.config.WebOrigin;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * `server.cors`: lets pages of the listed origins call the API from a browser. Answers their preflights, marks every
 * API answer `Vary: Origin`, and names the origin on answers to an allowed one. The admin routes, `/metrics` and the
 * page-only routes are never offered: the browser's cached admin password must not be usable from another origin.
 */
final class CorsPolicy {

    static final String ALLOWED_METHODS = "GET, POST, DELETE";
    // why: the request headers the API reads; Accept and Content-Type are listed since their values may be non-simple
    static final String ALLOWED_HEADERS = "Accept, Authorization, Content-Type, Last-Event-ID, Prefer, Range";
    static final String EXPOSED_HEADERS = "Location, Retry-After, Preference-Applied, Sluice-Token, Content-Disposition,"
            + " Content-Range, Accept-Ranges";
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    private final Set<String> origins;
    private final boolean anyOrigin;
    private final boolean credentials;
    private final long maxAgeSeconds;

    private CorsPolicy(CorsConfig config) {
        this.anyOrigin = config.origins().stream().anyMatch(o -> CorsConfig.ANY_ORIGIN.equals(o.trim()));
        this.origins = config.origins().stream().flatMap(o -> WebOrigin.normalize(o).stream()).collect(Collectors.toSet());
        this.credentials = config.credentials();
        this.maxAgeSeconds = config.maxAge().toSeconds();
    }

    static Optional<CorsPolicy> of(Optional<CorsConfig> config) {
        return config.map(CorsPolicy::new);
    }

    /** Whether cross-origin requests are offered on this path at all. */
    static boolean offeredOn(String rawPath) {
        // why: the router ignores a trailing slash (`/metrics/` is `/metrics`), so this check must too
        String path = rawPath.replaceAll("/{2,}", "/").replaceAll("(.)/+$", "$1");
        return !(path.equals("/admin") || path.startsWith("/admin/") || path.equals("/metrics") || path.startsWith("/tasks/")
                || path.startsWith("/assets/"));
    }

    /** The before-handler: answers a preflight, or adds the CORS headers an answer to this request needs. */
    void apply(Context ctx) {
        String origin = ctx.header("Origin");
        boolean preflight = ctx.req().getMethod().equals("OPTIONS") && origin != null
                && ctx.header("Access-Control-Request-Method") != null;
        if (!offeredOn(ctx.path())) {
            if (preflight) {
                throw refusal("cross-origin requests are not offered on " + ctx.path() + " (the admin routes, /metrics and the"
                        + " pages are for this server's own pages only)");
            }
            return;
        }
        boolean allowed = allows(origin);
        if (!preflight) {
            markAnswer(new ContextExchange(ctx));
            return;
        }
        ctx.res().addHeader("Vary", "Origin");
        ctx.res().addHeader("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers");
        if (!allowed) {
            throw refusal("the origin " + SubmissionReader.abbreviate(origin) + " is not among those server.cors allows");
        }
        name(new ContextExchange(ctx), origin);
        ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
        ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", String.valueOf(maxAgeSeconds));
        ctx.status(204);
        ctx.skipRemainingHandlers();
    }

    /** The headers an answer (not a preflight) on an offered path carries: `Vary: Origin`, and for an allowed origin its name. */
    void markAnswer(StaticExchange ex) {
        ex.addHeader("Vary", "Origin");
        String origin = ex.header("Origin");
        if (allows(origin)) {
            name(ex, origin);
            ex.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    /**
     * Whether a request that would change something may come from this other origin: only on offered paths, only as a
     * request the browser made in CORS mode (never a form's navigation, which CORS does not govern), and, without
     * `credentials: true`, only without the credentials a browser adds by itself (cookies, a cached password).
     */
    boolean vouchesFor(Context ctx) {
        if (!offeredOn(ctx.path()) || !allows(ctx.header("Origin"))) {
            return false;
        }
        String mode = ctx.header("Sec-Fetch-Mode");
        if (mode != null ? !mode.trim().equalsIgnoreCase("cors") : formShaped(ctx)) {
            return false;
        }
        String authorization = ctx.header("Authorization");
        boolean ambient = ctx.header("Cookie") != null
                || (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6));
        return credentials || !ambient;
    }

    private boolean allows(String origin) {
        if (origin == null || origin.equals("null")) {
            return false;
        }
        return anyOrigin || WebOrigin.normalize(origin).filter(origins::contains).isPresent();
    }

    private void name(StaticExchange ex, String origin) {
        // why: with credentials the exact origin, never '*', which browsers refuse (and config validation forbids)
        ex.header("Access-Control-Allow-Origin", anyOrigin && !credentials ? "*" : origin);
        if (credentials) {
            ex.header("Access-Control-Allow-Credentials", "true");
        }
    }

    // why: a browser without Sec-Fetch-Mode (an old one) may still send Origin on a form's POST: what a form can send is refused
    private static boolean formShaped(Context ctx) {
        if (!ctx.req().getMethod().equals("POST")) {
            return false;
        }
        String type = ctx.header("Content-Type");
        return type == null || FORM_TYPES.contains(type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    }

    private static SluiceException refusal(String why) {
        return new SluiceException(403, "cors-refused", "Cross-origin request refused", why);
    }
}
