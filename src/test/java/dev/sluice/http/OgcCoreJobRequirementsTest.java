package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.ServerFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OGC API – Processes – Part 1: Core 1.0, requirements class core: a job's status and its results, each test named
 * after the requirement it pins (the results' exceptions are in {@link OgcCoreRequirementsTest}).
 */
class OgcCoreJobRequirementsTest extends ServerFixture {

    private static final String STATES = "accepted|running|successful|failed|dismissed";

    @BeforeEach
    void startServer() {
        start("""
                tasks:
                  trio:
                    command: [sh, -c, 'printf %s "$1" > "$2/text.txt"; printf 42 > "$2/n.txt"; printf "<p>%s</p>" "$1" > "$2/page.html"', sh, '{text}', '{out}']
                    inputs: { text: { type: string } }
                    outputs:
                      text: { file: text.txt, type: string }
                      n: { file: n.txt, type: number }
                      page: { file: page.html }
                  shout:
                    command: [sh, -c, 'printf %s "$1" > "$2/said.txt"', sh, '{text}', '{out}']
                    sync: { max-wait: 30s }
                    inputs: { text: { type: string } }
                    outputs: { said: { file: said.txt, type: string } }
                """);
    }

    @Test
    void req_core_job() {
        String id = server.submit("trio", "{\"text\": \"hi\"}");

        Response status = server.http().get("/jobs/" + id);

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void req_core_job_success() {
        String id = server.submit("trio", "{\"text\": \"hi\"}");
        JsonNode first = server.status(id);
        JsonNode end = server.awaitEnd(id);

        for (JsonNode status : List.of(first, end)) {
            assertThat(status.path("jobID").asText()).isEqualTo(id);
            assertThat(status.path("type").asText()).isEqualTo("process");
            assertThat(status.path("status").asText()).matches(STATES);
            assertThat(status.path("processID").asText()).isEqualTo("trio");
            assertThat(status.path("created").asText()).isNotBlank();
            assertThat(status.path("updated").asText()).isNotBlank();
            assertThat(status.path("links").isArray()).isTrue();
            if (status.has("progress")) {
                assertThat(status.path("progress").asInt()).isBetween(0, 100);
            }
        }
        assertThat(end.path("status").asText()).isEqualTo("successful");
        assertThat(end.path("started").asText()).isNotBlank();
        assertThat(end.path("finished").asText()).isNotBlank();
    }

    @Test
    void req_core_job_results() {
        String id = succeeded();

        Response results = server.http().get("/jobs/" + id + "/results");

        assertThat(results.status()).isEqualTo(200);
        assertThat(results.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void req_core_job_results_async_many() {
        JsonNode results = server.http().get("/jobs/" + succeeded() + "/results").json();

        assertThat(names(results)).containsExactly("text", "n", "page");
        assertThat(results.path("text").asText()).isEqualTo("hi there");
        assertThat(results.path("n").asInt()).isEqualTo(42);
        JsonNode page = results.path("page");
        assertThat(page.path("type").asText()).startsWith("text/html");
        assertThat(server.http().get(page.path("href").asText()).body()).isEqualTo("<p>hi there</p>");
    }

    @Test
    void req_core_job_result() {
        String id = succeeded();

        for (String output : List.of("text", "n", "page")) {
            assertThat(server.http().get("/jobs/" + id + "/results/" + output).status()).as(output).isEqualTo(200);
        }
        assertThat(server.http().get("/jobs/" + id + "/results/nope").status()).isEqualTo(404);
    }

    @Test
    void req_core_job_results_async_one() {
        String id = succeeded();

        Response text = server.http().get("/jobs/" + id + "/results/text");
        Response n = server.http().get("/jobs/" + id + "/results/n");

        assertThat(text.header("Content-Type")).startsWith("text/plain");
        assertThat(text.body()).isEqualTo("hi there");
        assertThat(n.body()).isEqualTo("42");
    }

    @Test
    void req_core_job_results_param_outputs() {
        String id = succeeded();

        assertThat(names(server.http().get("/jobs/" + id + "/results?outputs=page,text").json())).containsExactly("text", "page");
        Response unknown = server.http().get("/jobs/" + id + "/results?outputs=text,nope");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("parameter").asText()).isEqualTo("outputs");
        assertThat(unknown.json().path("detail").asText()).contains("'nope'", "text, n, page");
        assertThat(server.http().get("/jobs/" + id + "/results?outputs=").status()).isEqualTo(400);
    }

    @Test
    void req_core_job_results_param_outputs_response() {
        String id = succeeded();

        JsonNode one = server.http().get("/jobs/" + id + "/results?outputs=n").json();

        assertThat(names(one)).containsExactly("n");
        assertThat(one.path("n").asInt()).isEqualTo(42);
    }

    @Test
    void req_core_job_results_param_outputs_omit() {
        String id = succeeded();

        assertThat(names(server.http().get("/jobs/" + id + "/results").json())).containsExactly("text", "n", "page");
    }

    @Test
    void req_core_job_results_success_sync() {
        Response answer = server.http().postJson("/processes/shout/execution", "{\"inputs\": {\"text\": \"now\"}}");
        assertThat(answer.status()).isEqualTo(200);
        String link = answer.header("Link");
        assertThat(link).matches("<[^>]+>; rel=\"monitor\"");

        Response monitor = server.http().get(link.substring(1, link.indexOf('>')));

        assertThat(monitor.status()).isEqualTo(200);
        assertThat(monitor.header("Content-Type")).startsWith("application/json");
        assertThat(monitor.json().path("type").asText()).isEqualTo("process");
        assertThat(monitor.json().path("status").asText()).isEqualTo("successful");
        assertThat(monitor.json().path("processID").asText()).isEqualTo("shout");
    }

    private String succeeded() {
        String id = server.submit("trio", "{\"text\": \"hi there\"}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");
        return id;
    }

    private static List<String> names(JsonNode doc) {
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
