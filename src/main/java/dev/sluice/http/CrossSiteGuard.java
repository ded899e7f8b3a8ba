package dev.sluice.http;

import dev.sluice.SluiceException;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a request that would change something when the browser says it comes from another site (or another
 * port of this host): a page elsewhere must not submit, cancel or be issued a cookie in a visitor's name. Clients
 * that are not browsers send neither `Sec-Fetch-Site` nor `Origin` and are not affected. An origin that `server.cors`
 * allows passes on the routes it offers, as {@link CorsPolicy#vouchesFor} says; the admin routes stay closed to it.
 */
final class CrossSiteGuard {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_SITE_VALUES = Set.of("same-origin", "none");

    private final Optional<CorsPolicy> cors;

    CrossSiteGuard(Optional<CorsPolicy> cors) {
        this.cors = cors;
    }

    void check(Context ctx) {
        if (SAFE_METHODS.contains(ctx.req().getMethod()) || cors.filter(policy -> policy.vouchesFor(ctx)).isPresent()) {
            return;
        }
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null) {
            if (!SAME_SITE_VALUES.contains(fetchSite.trim().toLowerCase(Locale.ROOT))) {
                throw refusal("the browser says it comes from another site or port (Sec-Fetch-Site: "
                        + SubmissionReader.abbreviate(fetchSite) + ")");
            }
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ClientAddress.of(ctx).host())) {
            throw refusal("its Origin (" + SubmissionReader.abbreviate(origin) + ") is not this server");
        }
    }

    private static SluiceException refusal(String why) {
        return new SluiceException(403, "cross-site-request", "Cross-site request refused",
                "a request from another site may not change anything here: " + why);
    }

    // why: the host the client asked for (Host, or a trusted proxy's forwarded host), not the server's own address
    static boolean sameOrigin(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI from = new URI(origin);
            URI to = new URI("http://" + host);
            if (from.getHost() == null || to.getHost() == null || !from.getHost().equalsIgnoreCase(to.getHost())) {
                return false;
            }
            int fromPort = from.getPort() != -1 ? from.getPort() : defaultPort(from.getScheme());
            return to.getPort() == -1 ? from.getPort() == -1 : to.getPort() == fromPort;
        } catch (java.net.URISyntaxException unreadable) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
