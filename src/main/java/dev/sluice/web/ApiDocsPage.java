package dev.sluice.web;

import io.javalin.config.RoutesConfig;

/**
 * `GET /api.html`: the OpenAPI description as a page to read and try out, Swagger UI served from the jar under
 * `/api/ui/`. The page holds no inline script, so the pages' policy (script from this site only) holds for it too.
 */
public final class ApiDocsPage {

    public ApiDocsPage() {
        ApiDocsAssets.requirePresent();
    }

    public void register(RoutesConfig routes) {
        routes.get("/api.html", ctx -> {
            String base = PageRoutes.basePathOf(ctx);
            String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    + "<title>API · Sluice</title>\n"
                    + "<link rel=\"stylesheet\" href=\"" + Html.escape(base) + "/api/ui/swagger-ui.css\">\n"
                    + "<link rel=\"icon\" type=\"image/png\" href=\"" + Html.escape(base) + "/api/ui/favicon-32x32.png\">\n"
                    + "<script src=\"" + Html.escape(base) + "/api/ui/swagger-ui-bundle.js\" defer></script>\n"
                    + "<script src=\"" + Html.escape(base) + "/api/ui/sluice-api.js\" defer></script>\n"
                    + "</head>\n<body data-spec=\"" + Html.escape(base) + "/api\">\n<div id=\"swagger-ui\"></div>\n</body>\n</html>\n";
            ctx.header("Content-Security-Policy", PageLayout.PAGE_POLICY)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "same-origin")
                    .contentType("text/html; charset=utf-8")
                    .result(html);
        });
        routes.get("/api/ui/{file}", ctx -> {
            if (!ApiDocsAssets.serve(ctx, ctx.pathParam("file"))) {
                ctx.status(404);
            }
        });
    }
}
