package dev.sluice.web;

import io.javalin.http.Context;
import java.util.List;

/** The frame every page shares: head, navigation, the style sheet and the page's scripts, and safe headers. */
final class PageLayout {

    // why: pages carry no inline script or style, so even an escaping slip could not run script; blob: images are the
    // previews the form's script makes of files chosen in this very page
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    /** The request attribute that holds `server.base-path` (see {@link PageRoutes#basePath}). */
    static final String BASE_PATH = "sluice.base-path";

    private PageLayout() {
    }

    /** Answers with a whole page; {@code page} names the script's part for it, {@code main} is already escaped HTML. */
    static void send(Context ctx, int status, String title, String page, String main) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + " · Sluice</title>\n"
                + "<link rel=\"stylesheet\" href=\"/assets/sluice.css\">\n"
                + scripts(page)
                + "</head>\n<body data-page=\"" + Html.escape(page) + "\" data-base=\"" + Html.escape(PageRoutes.basePathOf(ctx)) + "\">\n"
                + "<header class=\"top\"><a class=\"brand\" href=\"/\">Sluice</a>\n"
                + "<nav><a href=\"/\">Tasks</a> <a href=\"/#my-jobs\">My jobs</a> <a href=\"/admin\">Admin</a></nav></header>\n"
                + "<main>\n" + main + "</main>\n</body>\n</html>\n";
        ctx.status(status)
                .header("Content-Security-Policy", PAGE_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "private, no-store")
                .contentType("text/html; charset=utf-8")
                .result(underBasePath(html, PageRoutes.basePathOf(ctx)));
    }

    /** The shared script, then the page's own parts (it runs each of them once the page is loaded). */
    private static String scripts(String page) {
        List<String> parts = switch (page) {
            case "index" -> List.of("sluice-index.js");
            case "form" -> List.of("sluice-form.js", "sluice-files.js");
            case "job" -> List.of("sluice-job.js");
            case "admin" -> List.of("sluice-admin.js");
            default -> List.of();
        };
        StringBuilder tags = new StringBuilder("<script src=\"/assets/sluice.js\" defer></script>\n");
        parts.forEach(part -> tags.append("<script src=\"/assets/").append(part).append("\" defer></script>\n"));
        return tags.toString();
    }

    // why: pages write their links from the root; escaped text cannot hold a quote, so these three attribute openings
    // only ever come from the page's own markup, and one rewrite here puts every link under the base path
    private static String underBasePath(String html, String base) {
        if (base.isEmpty()) {
            return html;
        }
        return html.replace(" href=\"/", " href=\"" + base + "/").replace(" src=\"/", " src=\"" + base + "/")
                .replace(" action=\"/", " action=\"" + base + "/");
    }

    /** A page saying what was not found, for a browser that followed a stale or mistyped link. */
    static void notFound(Context ctx, String sentence) {
        send(ctx, 404, "Not found", "error", "<h1>Not found</h1>\n<p class=\"problem\">" + Html.escape(sentence)
                + "</p>\n<p><a href=\"/\">All tasks</a></p>\n");
    }
}
