package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;

/** The OGC API landing page (`/`) and conformance declaration (`/conformance`), which clients read first. */
final class LandingRoutes {

    private static final String OGC_REL = "http://www.opengis.net/def/rel/ogc/1.0/";
    private static final String CONFORMANCE = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/";

    private final ObjectMapper json;
    private final Hrefs hrefs;
    private final boolean callbacks;

    LandingRoutes(ObjectMapper json, Hrefs hrefs, boolean callbacks) {
        this.callbacks = callbacks;
        this.json = json;
        this.hrefs = hrefs;
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> AbsoluteHrefs.json(ctx, landing()));
        routes.get("/conformance", ctx -> AbsoluteHrefs.json(ctx, conformance()));
    }

    private ObjectNode landing() {
        ObjectNode doc = json.createObjectNode();
        doc.put("title", "Sluice");
        doc.put("description", "Heavy, long-running computations as asynchronous jobs (OGC API - Processes).");
        ArrayNode links = doc.putArray("links");
        StatusDocuments.link(links, hrefs.to("/"), "self", "application/json", "this document");
        StatusDocuments.link(links, hrefs.to("/?f=html"), "alternate", "text/html", "this document as a page");
        StatusDocuments.link(links, hrefs.to("/api"), "service-desc", OpenApiRoutes.JSON_TYPE, "the API description (OpenAPI 3.0)");
        StatusDocuments.link(links, hrefs.to("/api.html"), "service-doc", "text/html", "the API documentation");
        StatusDocuments.link(links, hrefs.to("/conformance"), OGC_REL + "conformance", "application/json", "conformance classes");
        StatusDocuments.link(links, hrefs.to("/processes"), OGC_REL + "processes", "application/json", "the processes");
        StatusDocuments.link(links, hrefs.to("/jobs"), OGC_REL + "job-list", "application/json", "the jobs");
        StatusDocuments.link(links, hrefs.to("/health"), "status", "application/json", "health");
        return doc;
    }

    /** The conformance classes this server declares, as OGC names them; `callback` only while callbacks are on. */
    static java.util.List<String> conformanceClasses(boolean callbacks) {
        return java.util.stream.Stream.of("core", "ogc-process-description", "json", "html", "oas30", "job-list", "dismiss", "callback")
                .filter(c -> callbacks || !c.equals("callback")).map(c -> CONFORMANCE + c).toList();
    }

    private ObjectNode conformance() {
        ObjectNode doc = json.createObjectNode();
        ArrayNode classes = doc.putArray("conformsTo");
        conformanceClasses(callbacks).forEach(classes::add);
        ArrayNode links = doc.putArray("links");
        StatusDocuments.link(links, hrefs.to("/conformance"), "self", "application/json", "this document");
        StatusDocuments.link(links, hrefs.to("/conformance?f=html"), "alternate", "text/html", "this document as a page");
        return doc;
    }
}
