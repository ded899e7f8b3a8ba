package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * `server.base-path: /sluice`: every route answers under the prefix, and also without it (a proxy that strips it),
 * while every link, Location and page address the server writes carries it.
 */
class BasePathTest extends ServerFixture {

    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html");
    private static final String CONFIG = """
            tasks:
              echo:
                command: [sh, -c, "printf 42 > \\"$1\\"", sh, "{out}/n.txt"]
                outputs:
                  n: { file: n.txt, type: number }
                  raw: { file: n.txt }
            """;

    @Test
    void the_api_under_the_prefix_writes_its_links_and_location_with_it() {
        server = TestServer.start(dir, CONFIG, Map.of("SLUICE_SERVER_BASE_PATH", "/sluice/"));
        String at = server.http().base();

        JsonNode landing = server.http().get("/sluice/").json();
        assertThat(hrefs(landing)).isNotEmpty().allSatisfy(href -> assertThat(href).startsWith(at + "/sluice/"));
        assertThat(hrefs(server.http().get("/sluice/processes").json())).allSatisfy(href -> assertThat(href).startsWith(at + "/sluice/"));
        assertThat(hrefs(server.http().get("/sluice/processes/echo").json())).contains(at + "/sluice/processes/echo",
                at + "/sluice/processes/echo/execution");

        Response submitted = server.http().postJson("/sluice/processes/echo/execution", "{}");
        assertThat(submitted.status()).isEqualTo(201);
        String location = submitted.header("Location");
        String id = submitted.json().path("jobID").asText();
        assertThat(location).isEqualTo(at + "/sluice/jobs/" + id);
        server.awaitEnd(id);
        JsonNode status = server.http().get(location).json();
        assertThat(status.path("status").asText()).isEqualTo("successful");
        assertThat(hrefs(status)).contains(at + "/sluice/jobs/" + id, at + "/sluice/jobs/" + id + "/log",
                at + "/sluice/jobs/" + id + "/results");
        JsonNode results = server.http().get("/sluice/jobs/" + id + "/results").json();
        assertThat(results.path("n").asInt()).isEqualTo(42);
        String raw = results.path("raw").path("href").asText();
        assertThat(raw).isEqualTo(at + "/sluice/jobs/" + id + "/results/raw");
        assertThat(server.http().get(raw).body()).isEqualTo("42");
        assertThat(hrefs(server.http().get("/sluice/jobs").json())).contains(at + "/sluice/jobs");
        for (String route : List.of("/health", "/health/ready", "/conformance", "/admin/status", "/admin/schedules",
                "/admin/maintenance", "/metrics", "/sluice.py", "/jobs/" + id + "/log", "/jobs?status=successful")) {
            assertThat(server.http().get("/sluice" + route).status()).as(route).isEqualTo(200);
        }
        assertThat(server.http().delete("/sluice/jobs/" + id + "?finished=keep").status()).isEqualTo(409);
    }

    @Test
    void a_proxy_that_strips_the_prefix_reaches_the_same_routes_and_gets_the_prefixed_links() {
        server = TestServer.start(dir, CONFIG, Map.of("SLUICE_SERVER_BASE_PATH", "/sluice/"));
        String at = server.http().base();

        Response submitted = server.http().postJson("/processes/echo/execution", "{}");
        String id = submitted.json().path("jobID").asText();

        assertThat(submitted.header("Location")).isEqualTo(at + "/sluice/jobs/" + id);
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");
        assertThat(hrefs(server.http().get("/jobs/" + id).json())).contains(at + "/sluice/jobs/" + id + "/results");
        assertThat(server.http().get("/sluicex/jobs/" + id).status()).isEqualTo(404);
        assertThat(server.http().get("/sluice/jobs/nope").json().path("instance").asText()).isEqualTo("/sluice/jobs/nope");
        assertThat(server.http().get("/sluice").json().path("links").isArray()).isTrue();
    }

    @Test
    void pages_assets_forms_and_event_streams_live_under_the_prefix() throws Exception {
        server = TestServer.start(dir, CONFIG, Map.of("SLUICE_SERVER_BASE_PATH", "/sluice/"));
        String id = server.http().postJson("/sluice/processes/echo/execution", "{}").json().path("jobID").asText();
        server.awaitEnd(id);

        String index = server.http().get("/sluice/", BROWSER).body();
        assertThat(index).contains("data-base=\"/sluice\"", "href=\"/sluice/assets/sluice.css\"", "src=\"/sluice/assets/sluice.js\"",
                "href=\"/sluice/tasks/echo\"", "href=\"/sluice/admin\"").doesNotContain("href=\"/assets", "href=\"/tasks");
        assertThat(server.http().get("/sluice/assets/sluice.js").status()).isEqualTo(200);
        assertThat(server.http().get("/sluice/tasks/echo", BROWSER).body()).contains("action=\"/sluice/processes/echo/execution\"");
        assertThat(server.http().get("/sluice/jobs/" + id, BROWSER).body()).contains("href=\"/sluice/jobs/" + id + "/log\"");
        assertThat(server.http().get("/sluice/admin", BROWSER).body()).contains("href=\"/sluice/admin/status\"");

        try (EventStreamClient events = EventStreamClient.open(server.server().port(), "/sluice/jobs/" + id + "/events", null)) {
            assertThat(events.status()).isEqualTo(200);
            EventStreamClient.Event first = events.nextEvent();
            assertThat(first.name()).isEqualTo("state");
            assertThat(TestServer.parse(first.data()).path("links").get(0).path("href").asText()).isEqualTo("/sluice/jobs/" + id);
        }
    }

    @Test
    void a_static_mount_lives_under_the_prefix_and_redirects_a_folder_within_it() throws Exception {
        java.nio.file.Path site = dir.resolve("site");
        java.nio.file.Files.createDirectories(site.resolve("docs"));
        java.nio.file.Files.writeString(site.resolve("docs/index.html"), "<h1>Docs</h1>");
        server = TestServer.start(dir, CONFIG + "static:\n  /site: " + site + "\n", Map.of("SLUICE_SERVER_BASE_PATH", "/sluice"));

        assertThat(server.http().get("/sluice/site/docs/").body()).isEqualTo("<h1>Docs</h1>");
        Response folder = server.http().get("/sluice/site/docs");
        assertThat(folder.status()).isEqualTo(301);
        assertThat(folder.header("Location")).isEqualTo("/sluice/site/docs/");
        assertThat(server.http().get("/site/docs/").status()).as("a proxy that strips the prefix").isEqualTo(200);
    }

    @Test
    void the_address_printed_at_start_carries_the_prefix() {
        assertThat(TestServer.config(dir, CONFIG, Map.of("SLUICE_SERVER_BASE_PATH", "/lab/")).server().urlFor(8080))
                .isEqualTo("http://127.0.0.1:8080/lab");
        assertThat(TestServer.config(dir, CONFIG, Map.of("SLUICE_SERVER_LISTEN", "[::1]:0")).server().urlFor(9000))
                .isEqualTo("http://[::1]:9000");
    }

    @Test
    void a_base_path_that_is_no_plain_path_or_that_looks_like_a_route_is_refused() {
        assertThat(problem("sluice")).contains("server.base-path", "must be a path such as /sluice");
        assertThat(problem("/a/../b")).contains("server.base-path", "without '.' or '..' segments");
        assertThat(problem("/a b")).contains("server.base-path");
        assertThat(problem("/jobs/x")).contains("server.base-path", "cannot start with /jobs");
    }

    private String problem(String basePath) {
        try {
            new dev.sluice.config.ConfigLoader().parse("""
                    server: { base-path: "%s" }
                    tasks:
                      echo: { command: ["true"] }
                    """.formatted(basePath), "sluice.yaml", dir, Map.of());
        } catch (dev.sluice.config.ConfigException refused) {
            return String.join("\n", refused.problems());
        }
        throw new AssertionError("base-path " + basePath + " was accepted");
    }

    private static List<String> hrefs(JsonNode doc) {
        List<String> hrefs = new ArrayList<>();
        doc.path("links").forEach(link -> hrefs.add(link.path("href").asText()));
        doc.path("processes").forEach(p -> p.path("links").forEach(link -> hrefs.add(link.path("href").asText())));
        return hrefs;
    }
}
