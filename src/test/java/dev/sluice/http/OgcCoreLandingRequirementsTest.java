package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OGC API – Processes – Part 1: Core 1.0, requirements class core: the landing page, the API definition, the
 * conformance declaration and HTTP itself, each test named after the requirement it pins.
 */
class OgcCoreLandingRequirementsTest extends ServerFixture {

    private static final String OGC_REL = "http://www.opengis.net/def/rel/ogc/1.0/";
    private static final String CONF = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/";

    @BeforeEach
    void startServer() {
        start("tasks:\n  t: { command: [\"true\"] }\n");
    }

    @Test
    void req_core_landingpage_op() {
        Response landing = server.http().get("/");

        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void req_core_landingpage_success() {
        JsonNode landing = server.http().get("/").json();

        assertThat(landing.path("links").isArray()).isTrue();
        assertThat(landing.path("title").isTextual()).isTrue();
        String at = server.http().base();
        assertThat(href(landing, "service-desc")).isEqualTo(at + "/api");
        assertThat(href(landing, "service-doc")).isEqualTo(at + "/api.html");
        assertThat(href(landing, OGC_REL + "conformance")).isEqualTo(at + "/conformance");
        assertThat(href(landing, OGC_REL + "processes")).isEqualTo(at + "/processes");
        assertThat(href(landing, "alternate")).as("/rec/html/… the same resource as a page").isEqualTo(at + "/?f=html");
        landing.path("links").forEach(link -> assertThat(link.path("href").asText()).as("every link is followable").startsWith(at));
    }

    @Test
    void req_core_api_definition_op() {
        JsonNode landing = server.http().get("/").json();

        for (String rel : List.of("service-desc", "service-doc")) {
            Response definition = server.http().get(href(landing, rel));
            assertThat(definition.status()).as(rel).isEqualTo(200);
        }
    }

    @Test
    void req_core_api_definition_success() {
        Response definition = server.http().get(href(server.http().get("/").json(), "service-desc"));

        assertThat(definition.status()).isEqualTo(200);
        assertThat(definition.header("Content-Type")).startsWith("application/vnd.oai.openapi+json");
        JsonNode api = definition.json();
        assertThat(api.path("openapi").asText()).startsWith("3.0");
        List<String> paths = new ArrayList<>();
        api.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/", "/conformance", "/processes", "/processes/{processID}",
                "/processes/{processID}/execution", "/jobs/{jobId}", "/jobs/{jobId}/results");
        Response page = server.http().get(href(server.http().get("/").json(), "service-doc"));
        assertThat(page.header("Content-Type")).startsWith("text/html");
    }

    @Test
    void req_core_conformance_op() {
        Response conformance = server.http().get("/conformance");

        assertThat(conformance.status()).isEqualTo(200);
        assertThat(conformance.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void req_core_conformance_success() {
        JsonNode conformance = server.http().get("/conformance").json();

        List<String> classes = new ArrayList<>();
        conformance.path("conformsTo").forEach(c -> classes.add(c.asText()));
        assertThat(classes).contains(CONF + "core", CONF + "ogc-process-description", CONF + "json", CONF + "html",
                CONF + "oas30", CONF + "job-list", CONF + "dismiss");
        assertThat(classes).doesNotHaveDuplicates().allMatch(c -> URI.create(c).isAbsolute());
    }

    @Test
    void req_core_http_answers_http_1_1_with_persistent_connections() throws IOException {
        String twoRequests = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n"
                + "GET /conformance HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n";

        String answers = exchange(twoRequests);

        Matcher statusLines = Pattern.compile("HTTP/1\\.1 200 OK\r\n").matcher(answers);
        assertThat(statusLines.results().count()).as(answers).isEqualTo(2);
        assertThat(answers).contains("\"links\"", "\"conformsTo\"");
    }

    @Test
    void req_core_http_refuses_an_http_1_1_request_without_host() throws IOException {
        String answer = exchange("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
    }

    private String exchange(String requests) throws IOException {
        int port = URI.create(server.http().base()).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String href(JsonNode doc, String rel) {
        for (JsonNode link : doc.path("links")) {
            if (link.path("rel").asText().equals(rel)) {
                return link.path("href").asText();
            }
        }
        throw new AssertionError("no link with rel " + rel + " in " + doc);
    }
}
