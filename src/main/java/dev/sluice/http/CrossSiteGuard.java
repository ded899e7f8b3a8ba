package dev.sluice.http;

import dev.sluice.SluiceException;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a request that would change something when the browser says it comes from another site (or another
 * port of this host): a page elsewhere must not submit, cancel or be issued a cookie in a visitor's name. Clients
 * that are not browsers send neither `Sec-Fetch-Site` nor `Origin` and are not affected.
 */
final class CrossSiteGuard {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_SITE_VALUES = Set.of("same-origin", "none");

    private CrossSiteGuard() {
    }

    static void check(Context ctx) {
        if (SAFE_METHODS.contains(ctx.req().getMethod())) {
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
        if (origin != null && !sameOrigin(origin, hostOf(ctx))) {
            throw refusal("its Origin (" + SubmissionReader.abbreviate(origin) + ") is not this server");
        }
    }

    // why: an HTTP/2 request names its host in the :authority pseudo-header, not in a Host header
    private static String hostOf(Context ctx) {
        String host = ctx.header("Host");
        if (host == null && ctx.req().getProtocol().startsWith("HTTP/2")) {
            String name = ctx.req().getServerName();
            return (name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name) + ":" + ctx.req().getServerPort();
        }
        return host;
    }

    private static SluiceException refusal(String why) {
        return new SluiceException(403, "cross-site-request", "Cross-site request refused",
                "a request from another site may not change anything here: " + why);
    }

    // why: the Host header, not the server's own address, since a proxy in front may serve it under another name
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
