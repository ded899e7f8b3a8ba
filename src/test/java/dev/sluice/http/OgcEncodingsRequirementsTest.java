package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The json and html conformance classes of OGC API – Processes – Part 1 (/req/json/…, /req/html/…), each test
 * named after the requirement it pins, and the oas30 class (/req/oas30/…); OpenApiDocumentTest and OpenApiClientTest
 * pin oas-impl (every route described and nothing else; requests made from the description alone are served).
 */
class OgcEncodingsRequirementsTest extends ServerFixture {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private HttpTestClient http;
    private String job;

    @BeforeEach
    void startWithASyncAndAnAsyncTask() {
        Path echo = Scripts.write(dir.resolve("scripts"), "echo.sh", "printf '%s' \"$1\" > \"$2/echo.txt\"");
        start("""
                tasks:
                  echo:
                    title: Echo a text
                    command: %s
                    sync: {}
                    inputs:
                      text: { type: string, max-length: 20 }
                    outputs:
                      echo: { file: echo.txt, type: string }
                """.formatted(Scripts.command(echo, "{text}", "{out}")));
        http = server.http();
        job = server.submit("echo", "{\"text\": \"hi\"}");
        server.awaitEnd(job);
    }

    @Test
    void req_json_definition() {
        for (String path : List.of("/", "/conformance", "/processes", "/processes/echo", "/jobs/" + job)) {
            for (Map<String, String> asking : List.of(Map.of("Accept", "application/json"), Map.<String, String>of())) {
                Response answer = http.get(path, asking);
                assertThat(answer.status()).as(path).isEqualTo(200);
                assertThat(answer.header("Content-Type")).as(path + " " + asking).startsWith("application/json");
                assertThat(answer.json().isObject()).isTrue();
            }
            assertThat(http.get(path + "?f=json", Map.of("Accept", BROWSER)).header("Content-Type")).as(path).startsWith("application/json");
        }
        Response async = http.postJsonAsync("/processes/echo/execution", "{\"inputs\": {\"text\": \"a\"}, \"response\": \"document\"}");
        assertThat(async.status()).isEqualTo(201);
        assertThat(async.header("Content-Type")).startsWith("application/json");
        Response sync = http.postJson("/processes/echo/execution", "{\"inputs\": {\"text\": \"b\"}, \"response\": \"document\"}");
        assertThat(sync.status()).isEqualTo(200);
        assertThat(sync.header("Content-Type")).startsWith("application/json");
        assertThat(sync.json().path("echo").asText()).isEqualTo("b");
    }

    /** The resources of OGC API – Processes; Sluice's own routes (files, logs, events, health, metrics) have no page. */
    @Test
    void req_html_definition() {
        for (String path : List.of("/", "/conformance", "/processes", "/processes/echo", "/jobs", "/jobs/" + job,
                "/jobs/" + job + "/results", "/api.html")) {
            for (Response page : List.of(http.get(path, Map.of("Accept", "text/html")), http.get(path + "?f=html"))) {
                assertThat(page.status()).as(path).isEqualTo(200);
                assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
            }
        }
        Response api = http.get("/api?f=html");
        assertThat(api.status()).as("the description's page is its documentation").isBetween(301, 308);
        assertThat(URI.create(http.base() + "/api").resolve(api.header("Location")).getPath()).isEqualTo("/api.html");
    }

    @Test
    void req_html_content_the_landing_page_links_what_its_document_links() {
        Document page = page("/");
        List<String> linked = paths(page);
        for (JsonNode link : http.get("/").json().path("links")) {
            if (!link.path("rel").asText().equals("self")) {
                assertThat(linked).as(link.toString()).contains(URI.create(link.path("href").asText()).getPath());
            }
        }
    }

    @Test
    void req_html_content_the_conformance_page_lists_every_class() {
        List<String> linked = page("/conformance").select("body a[href]").eachAttr("href");
        http.get("/conformance").json().path("conformsTo").forEach(c -> assertThat(linked).contains(c.asText()));
    }

    @Test
    void req_html_content_the_job_list_page_shows_each_job_of_the_list() {
        server.awaitEnd(server.submit("echo", "{\"text\": \"again\"}"));
        JsonNode list = http.get("/jobs?limit=5").json();
        Document page = page("/jobs?limit=5");
        assertThat(page.select("tr.job")).hasSize(list.path("jobs").size());
        for (JsonNode status : list.path("jobs")) {
            String id = status.path("jobID").asText();
            var row = page.selectFirst("tr.job[data-job-id=" + id + "]");
            assertThat(row).as(id).isNotNull();
            assertThat(row.select("a[href]").eachAttr("href")).contains("/jobs/" + id, "/processes/" + status.path("processID").asText());
            assertThat(row.text()).contains(status.path("status").asText(), status.path("type").asText(), status.path("created").asText());
        }
        assertThat(page("/jobs?status=failed").select("tr.job")).as("the page takes the list's filters").isEmpty();
        assertThat(paths(page)).contains("/jobs");
        Document hostile = page("/jobs?processID=%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(hostile.select("body script")).as("the query is shown escaped").isEmpty();
        assertThat(hostile.select("a[rel=alternate]").attr("href")).contains("%3Cscript%3E");
    }

    @Test
    void req_html_content_the_job_and_process_pages_show_their_documents() {
        JsonNode status = http.get("/jobs/" + job).json();
        Document jobPage = page("/jobs/" + job);
        assertThat(jobPage.body().text()).contains(job, status.path("status").asText());
        assertThat(jobPage.select("[data-output=echo] a").attr("href")).as("each result, as a link")
                .isEqualTo("/jobs/" + job + "/results/echo");
        assertThat(http.get("/jobs/" + job + "/results/echo").body()).isEqualTo(http.get("/jobs/" + job + "/results").json()
                .path("echo").asText());

        Document processPage = page("/processes/echo");
        assertThat(processPage.body().text()).contains("Echo a text");
        http.get("/processes/echo").json().path("inputs").fieldNames()
                .forEachRemaining(input -> assertThat(processPage.select("[name=" + input + "]")).as(input).isNotEmpty());

        Document processes = page("/processes");
        http.get("/processes").json().path("processes").forEach(p ->
                assertThat(processes.body().text()).contains(p.path("title").asText()));
    }

    @Test
    void req_oas30_oas_definition_1() {
        JsonNode links = http.get("/").json().path("links");
        JsonNode desc = link(links, "service-desc");
        assertThat(desc.path("type").asText()).isEqualTo("application/vnd.oai.openapi+json;version=3.0");
        Response json = http.get(desc.path("href").asText(), Map.of("Accept", desc.path("type").asText()));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).startsWith("application/vnd.oai.openapi+json;version=3.0");
        JsonNode doc = link(links, "service-doc");
        assertThat(doc.path("type").asText()).isEqualTo("text/html");
        Response html = http.get(doc.path("href").asText());
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
    }

    @Test
    void req_oas30_oas_definition_2() {
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        var parsed = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(http.get("/api").body(), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.0.");
    }

    @Test
    void req_oas30_completeness_and_exceptions_codes() {
        JsonNode paths = http.get("/api").json().path("paths");
        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
            java.util.Set<String> codes = new java.util.TreeSet<>();
            op.getValue().path("responses").fieldNames().forEachRemaining(codes::add);
            String at = op.getKey() + " " + path.getKey();
            assertThat(codes).as(at + ": a success").anyMatch(c -> c.startsWith("2") || c.startsWith("3"));
            assertThat(codes).as(at + ": the errors").anyMatch(c -> c.equals("default") || c.startsWith("4") || c.startsWith("5"));
        }));
        Map<String, Response> errors = Map.of(
                "get /processes/{processID}", http.get("/processes/nope"),
                "get /jobs/{jobId}", http.get("/jobs/0123456789abcdef0123456789abcdef"),
                "get /jobs", http.get("/jobs?limit=0"),
                "post /processes/echo/execution", http.postJsonAsync("/processes/echo/execution", "{\"inputs\": {\"text\": 5}}"),
                "delete /jobs/{jobId}", http.delete("/jobs/0123456789abcdef0123456789abcdef"));
        errors.forEach((operation, answer) -> {
            String[] parts = operation.split(" ");
            JsonNode responses = paths.path(parts[1]).path(parts[0]).path("responses");
            assertThat(answer.status()).as(operation).isGreaterThanOrEqualTo(400);
            assertThat(responses.has(String.valueOf(answer.status())) || responses.has("default"))
                    .as(operation + " answers " + answer.status() + ": " + responses).isTrue();
        });
    }

    @Test
    void req_oas30_security() {
        JsonNode api = http.get("/api").json();
        JsonNode schemes = api.at("/components/securitySchemes");
        assertThat(schemes.at("/submitterBearer/type").asText()).isEqualTo("http");
        assertThat(schemes.at("/submitterBearer/scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.at("/submitterCookie/in").asText()).isEqualTo("cookie");
        assertThat(schemes.at("/submitterCookie/name").asText()).isEqualTo("sluice_token");
        assertThat(schemes.at("/adminBasic/scheme").asText()).isEqualTo("basic");
        assertThat(api.path("security").toString()).contains("submitterBearer", "submitterCookie");
        assertThat(api.at("/paths/~1admin~1status/get/security").toString()).contains("adminBasic");
    }

    private static JsonNode link(JsonNode links, String rel) {
        for (JsonNode link : links) {
            if (link.path("rel").asText().equals(rel)) {
                return link;
            }
        }
        throw new AssertionError("no " + rel + " link in " + links);
    }

    private Document page(String path) {
        Response answer = http.get(path, Map.of("Accept", BROWSER));
        assertThat(answer.status()).as(path).isEqualTo(200);
        assertThat(answer.body()).as("an HTML5 document").startsWith("<!DOCTYPE html>");
        return Jsoup.parse(answer.body(), http.base() + path);
    }

    private static List<String> paths(Document page) {
        List<String> paths = new ArrayList<>();
        page.body().select("a[href]").forEach(a -> paths.add(URI.create(a.absUrl("href")).getPath()));
        return paths;
    }
}
