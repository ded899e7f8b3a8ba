package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requirements of OGC API – Processes – Part 1: Core (18-062r2), each test named after the one it pins: the
 * exceptions' types and the process list's `limit` with its paging links.
 */
class OgcCoreRequirementsTest extends ServerFixture {

    private static final String EXCEPTIONS = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

    private Path release;

    @AfterEach
    void openTheGate() throws IOException {
        if (release != null) {
            Files.writeString(release, "go");
        }
    }

    private void startWithTasks(int count) {
        release = dir.resolve("release");
        Path gate = Scripts.write(dir.resolve("scripts"), "gate.sh", "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        StringBuilder yaml = new StringBuilder("tasks:\n  gate: { command: " + Scripts.command(gate) + " }\n");
        for (int i = 1; i < count; i++) {
            yaml.append("  task-").append(i).append(": { command: [\"true\"] }\n");
        }
        start(yaml.toString());
    }

    @Test
    void req_core_process_exception_no_such_process() {
        startWithTasks(1);
        for (Response answer : List.of(server.http().get("/processes/nope"), server.http().postJson("/processes/nope/execution", "{}"))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().path("type").asText()).isEqualTo(EXCEPTIONS + "no-such-process");
        }
    }

    @Test
    void req_core_job_exception_no_such_job() {
        startWithTasks(1);
        String missing = "0123456789abcdef0123456789abcdef";
        for (String path : List.of("/jobs/" + missing, "/jobs/" + missing + "/results", "/jobs/not-even-an-id")) {
            Response answer = server.http().get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.json().path("type").asText()).as(path).isEqualTo(EXCEPTIONS + "no-such-job");
        }
        assertThat(server.http().delete("/jobs/" + missing).json().path("type").asText()).isEqualTo(EXCEPTIONS + "no-such-job");
    }

    @Test
    void req_core_job_results_exception_no_such_job() {
        startWithTasks(2);
        String finished = server.submit("task-1", "{}");
        server.awaitEnd(finished);
        server.http().delete("/jobs/" + finished);

        for (String id : List.of("0123456789abcdef0123456789abcdef", finished, "..%2F..%2Fetc")) {
            Response answer = server.http().get("/jobs/" + id + "/results");
            assertThat(answer.status()).as(id).isEqualTo(404);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().path("type").asText()).as(id).isEqualTo(EXCEPTIONS + "no-such-job");
            assertThat(answer.json().path("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void req_core_job_results_exception_results_not_ready() {
        startWithTasks(2);
        String running = server.submit("gate", "{}");
        server.awaitStatus(running, "running");
        String queued = server.submit("task-1", "{}");

        for (String id : List.of(running, queued)) {
            Response answer = server.http().get("/jobs/" + id + "/results");
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().path("type").asText()).isEqualTo(EXCEPTIONS + "result-not-ready");
        }
    }

    @Test
    void req_core_job_results_failed_answers_a_status_and_type_that_say_why() {
        release = dir.resolve("release");
        Path gate = Scripts.write(dir.resolve("scripts"), "gate.sh", "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        start("""
                tasks:
                  exits: { command: [sh, -c, 'echo no >&2; exit 3'] }
                  slow: { command: %s, limits: { timeout: 1s } }
                  held: { command: %s }
                """.formatted(Scripts.command(gate), Scripts.command(gate)));
        String exits = server.submit("exits", "{}");
        String slow = server.submit("slow", "{}");
        String held = server.submit("held", "{}");
        server.awaitStatus(held, "running");
        server.http().delete("/jobs/" + held);
        server.awaitEnd(exits);
        server.awaitEnd(slow);
        server.awaitEnd(held);

        Map<String, Integer> statusByJob = Map.of(exits, 500, slow, 504, held, 410);
        Map<String, String> typeByJob = Map.of(exits, "/job-exit-code", slow, "/job-timeout", held, "/job-dismissed");
        statusByJob.forEach((id, status) -> {
            Response answer = server.http().get("/jobs/" + id + "/results");
            assertThat(answer.status()).as(id).isEqualTo(status);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().path("type").asText()).as(id).endsWith(typeByJob.get(id));
            assertThat(answer.json().path("jobID").asText()).isEqualTo(id);
        });
    }

    @Test
    void req_core_pl_limit_definition() {
        startWithTasks(1);
        JsonNode limit = server.http().get("/api").json().path("components").path("parameters").path("limit");

        assertThat(limit.path("in").asText()).isEqualTo("query");
        assertThat(limit.path("required").asBoolean(false)).isFalse();
        assertThat(limit.path("schema").path("type").asText()).isEqualTo("integer");
        assertThat(limit.path("schema").path("minimum").asInt()).isEqualTo(1);
        assertThat(limit.path("schema").path("maximum").asInt()).isEqualTo(1000);
        assertThat(limit.path("schema").path("default").asInt()).isEqualTo(100);
        assertThat(server.http().get("/processes?limit=1").status()).isEqualTo(200);
        assertThat(server.http().get("/processes?limit=1000").status()).isEqualTo(200);
    }

    @Test
    void req_core_pl_limit_response_with_paging_links() {
        startWithTasks(5);

        JsonNode first = server.http().get("/processes?limit=2").json();
        assertThat(ids(first)).containsExactly("gate", "task-1");
        assertThat(link(first, "next")).isEqualTo(server.http().base() + "/processes?limit=2&offset=2");
        assertThat(link(first, "prev")).isNull();
        JsonNode second = server.http().get(link(first, "next")).json();
        assertThat(ids(second)).containsExactly("task-2", "task-3");
        assertThat(link(second, "prev")).isEqualTo(server.http().base() + "/processes?limit=2");
        JsonNode last = server.http().get(link(second, "next")).json();
        assertThat(ids(last)).containsExactly("task-4");
        assertThat(link(last, "next")).isNull();
        assertThat(ids(server.http().get("/processes").json())).hasSize(5);

        for (String bad : List.of("limit=0", "limit=1001", "limit=two", "offset=-1")) {
            Response refused = server.http().get("/processes?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().path("parameter").asText()).as(bad).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("processes").forEach(p -> ids.add(p.path("id").asText()));
        return ids;
    }

    private static String link(JsonNode doc, String rel) {
        for (JsonNode link : doc.path("links")) {
            if (link.path("rel").asText().equals(rel)) {
                return link.path("href").asText();
            }
        }
        return null;
    }
}
