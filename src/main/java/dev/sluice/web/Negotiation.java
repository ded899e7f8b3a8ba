package dev.sluice.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Whether a request comes from a browser that wants a page: its Accept header names text/html and rates it
 * at least as high as JSON, or it says `?f=html`. API clients (curl's * / *, fetch, EventSource, HttpClient) and
 * `?f=json` keep getting JSON.
 */
final class Negotiation {

    private Negotiation() {
    }

    static boolean wantsPage(Context ctx) {
        // why: OGC API's f parameter lets a person in a browser ask for the JSON (f=json), or a script for the page
        String format = ctx.queryParam("f");
        if (format != null) {
            return format.equalsIgnoreCase("html");
        }
        String accept = ctx.header("Accept");
        if (accept == null) {
            return false;
        }
        double html = -1;
        double json = -1;
        for (String range : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = range.trim().split(";");
            double q = quality(parts);
            switch (parts[0].trim()) {
                case "text/html", "application/xhtml+xml" -> html = Math.max(html, q);
                case "application/json", "application/problem+json" -> json = Math.max(json, q);
                default -> {
                    // other types do not decide between a page and a document
                }
            }
        }
        return html > 0 && html >= json;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException malformed) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
