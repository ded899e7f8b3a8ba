package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.SluiceConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;

/**
 * `GET /api`: the OpenAPI description (linked as service-desc), JSON unless `f=yaml` or the Accept header asks for
 * YAML; `f=html` leads to the documentation page.
 */
final class OpenApiRoutes {

    static final String JSON_TYPE = "application/vnd.oai.openapi+json;version=3.0";
    static final String YAML_TYPE = "application/vnd.oai.openapi;version=3.0";

    private record Rendered(byte[] json, byte[] yaml) {
    }

    private final SluiceConfig config;
    private final ObjectMapper json;
    private final Hrefs hrefs;
    private Rendered rendered;

    OpenApiRoutes(SluiceConfig config, ObjectMapper json, Hrefs hrefs) {
        this.config = config;
        this.json = json;
        this.hrefs = hrefs;
    }

    // why: made on the first request, not at start-up (about 120 ms in a fresh JVM), then kept: the config does not
    // change while the server runs
    private synchronized Rendered rendered() {
        if (rendered == null) {
            OpenApiDocument document = new OpenApiDocument(config, json, hrefs);
            rendered = new Rendered(document.json(json), document.yaml());
        }
        return rendered;
    }

    void register(RoutesConfig routes) {
        routes.get("/api", this::describe);
    }

    private void describe(Context ctx) {
        ctx.res().addHeader("Vary", "Accept");
        String format = ctx.queryParam("f");
        if (format == null) {
            format = wantsYaml(ctx.header("Accept")) ? "yaml" : "json";
        }
        switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> ctx.contentType(JSON_TYPE).result(rendered().json());
            case "yaml" -> ctx.contentType(YAML_TYPE).result(rendered().yaml());
            case "html" -> ctx.redirect(hrefs.to("/api.html"), HttpStatus.SEE_OTHER);
            default -> throw Problems.badParameter("f", "must be json, yaml or html, not '"
                    + SubmissionReader.abbreviate(format) + "'");
        }
    }

    /** Whether Accept rates a YAML type above the JSON ones (a tie keeps JSON, the default). */
    static boolean wantsYaml(String accept) {
        if (accept == null) {
            return false;
        }
        double yaml = -1;
        double json = -1;
        for (String range : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = range.trim().split(";");
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException malformed) {
                        q = 0;
                    }
                }
            }
            switch (parts[0].trim()) {
                case "application/vnd.oai.openapi", "application/yaml", "application/x-yaml", "text/yaml" -> yaml = Math.max(yaml, q);
                case "application/vnd.oai.openapi+json", "application/json" -> json = Math.max(json, q);
                default -> {
                    // other types do not decide between the two forms
                }
            }
        }
        return yaml > 0 && yaml > json;
    }
}
