package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The server's links in API documents and Location headers as absolute URLs, made from the scheme and host the
 * client asked for (forwarding headers count only from `server.trusted-proxies`).
 * why: OGC API clients (OWSLib, QGIS, generated clients) follow hrefs as they are; several do not resolve a relative
 * one against the document's URL (OGC 18-062r2 shows absolute links throughout)
 */
final class AbsoluteHrefs {

    // why: the host goes into documents; anything but a plain name, address and port keeps the links relative
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(:\\d{1,5})?");

    private AbsoluteHrefs() {
    }

    /** {@code href} (one of the server's paths, starting with a single '/') with the request's origin before it. */
    static String of(Context ctx, String href) {
        if (!href.startsWith("/") || href.startsWith("//")) {
            return href;
        }
        return originText(ctx) + href;
    }

    /**
     * Sends {@code doc} as JSON after making the hrefs of its `links` arrays absolute, at any depth (a job list's jobs
     * carry links of their own). Nothing else is touched: a document may hold what a job wrote.
     */
    static void json(Context ctx, JsonNode doc) {
        String origin = originText(ctx);
        if (!origin.isEmpty()) {
            absolute(doc, origin);
        }
        ctx.json(doc);
    }

    /** Makes the hrefs of the `links` arrays in {@code node} absolute with {@code origin}, at any depth. */
    static void absolute(JsonNode node, String origin) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getKey().equals("links") && field.getValue().isArray()) {
                    field.getValue().forEach(link -> absoluteHref(link, origin));
                } else {
                    absolute(field.getValue(), origin);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(item -> absolute(item, origin));
        }
    }

    private static void absoluteHref(JsonNode link, String origin) {
        if (link instanceof ObjectNode object && object.get("href") instanceof JsonNode href && href.isTextual()
                && href.asText().startsWith("/") && !href.asText().startsWith("//")) {
            object.put("href", origin + href.asText());
        }
    }

    /** `scheme://host` as the client named it, when that is a plain name, address and port. */
    static Optional<String> origin(Context ctx) {
        String origin = originText(ctx);
        return origin.isEmpty() ? Optional.empty() : Optional.of(origin);
    }

    private static String originText(Context ctx) {
        ClientAddress client = ClientAddress.of(ctx);
        String scheme = client.scheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || client.host() == null || !HOST.matcher(client.host()).matches()) {
            return "";
        }
        return scheme + "://" + client.host();
    }
}
