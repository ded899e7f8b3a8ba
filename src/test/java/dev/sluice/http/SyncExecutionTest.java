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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Synchronous execution (OGC API – Processes, /req/core/process-execute-sync-*): a task with `sync` answers an execute
 * request without `Prefer: respond-async` with its results once the job ends, and as an asynchronous one otherwise.
 */
class SyncExecutionTest extends ServerFixture {

    private Path release;

    @BeforeEach
    void startServer() throws IOException {
        release = dir.resolve("release");
        Path gate = Scripts.write(dir, "gate.sh", "while [ ! -f '" + release + "' ]; do sleep 0.05; done; echo done > \"$1\"\n");
        start("""
                tasks:
                  shout:
                    command: [sh, -c, 'printf %%s "$1" > "$2"', sh, '{text}', '{out}/said.txt']
                    sync: { max-wait: 20s }
                    inputs: { text: { type: string } }
                    outputs: { said: { file: said.txt, type: string } }
                  fails:
                    command: [sh, -c, 'echo broken >&2; exit 3']
                    sync: {}
                  held:
                    command: %s
                    sync: { max-wait: 1s }
                    outputs: { done: { file: done.txt, type: string } }
                  plain:
                    command: [sh, -c, 'true']
                """.formatted(Scripts.command(gate, "{out}/done.txt")));
    }

    @AfterEach
    void openTheGate() throws IOException {
        Files.writeString(release, "go");
    }

    @Test
    void a_synchronous_answer_is_200_with_a_monitor_link_to_the_job() {
        Response answer = server.http().postJson("/processes/shout/execution", "{\"inputs\": {\"text\": \"at once\"}}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).as("its one output, as itself").isEqualTo("at once");
        String monitor = answer.header("Link");
        assertThat(monitor).startsWith("<" + server.http().base() + "/jobs/").endsWith(">; rel=\"monitor\"");
        String status = monitor.substring(1, monitor.indexOf('>'));
        assertThat(server.http().get(status).json().path("status").asText()).isEqualTo("successful");
    }

    @Test
    void prefer_respond_async_gets_201_and_the_status_even_from_a_task_that_could_answer_synchronously() {
        Response answer = server.http().postJsonAsync("/processes/shout/execution", "{\"inputs\": {\"text\": \"later\"}}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Preference-Applied")).isEqualTo("respond-async");
        assertThat(answer.header("Location")).startsWith(server.http().base() + "/jobs/");
        assertThat(answer.json().path("jobID").asText()).isNotBlank();
    }

    @Test
    void a_job_that_outlives_max_wait_is_answered_as_an_asynchronous_one() {
        Response answer = server.http().postJson("/processes/held/execution", "{}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.header("Preference-Applied")).as("the client did not ask for it").isNull();
        assertThat(answer.json().path("status").asText()).isIn("accepted", "running");
        assertThat(answer.header("Location")).isEqualTo(server.http().base() + "/jobs/" + answer.json().path("jobID").asText());
    }

    @Test
    void a_job_that_fails_gets_the_problem_its_results_answer() {
        Response answer = server.http().postJson("/processes/fails/execution", "{}");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asText()).endsWith("/job-exit-code");
        assertThat(problem.path("reason").asText()).isEqualTo("exit-code");
        assertThat(problem.path("status").asInt()).isEqualTo(500);
        assertThat(problem.path("jobStatus").asText()).isEqualTo("failed");
        assertThat(server.http().get("/jobs/" + problem.path("jobID").asText()).json().path("status").asText()).isEqualTo("failed");
        assertThat(problem.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void a_task_without_sync_stays_asynchronous_and_only_sync_tasks_offer_sync_execute() {
        assertThat(server.http().postJson("/processes/plain/execution", "{}").status()).isEqualTo(201);
        assertThat(controls("shout")).containsExactly("sync-execute", "async-execute", "dismiss");
        assertThat(controls("plain")).containsExactly("async-execute", "dismiss");
    }

    private List<String> controls(String task) {
        List<String> controls = new ArrayList<>();
        server.http().get("/processes/" + task).json().path("jobControlOptions").forEach(c -> controls.add(c.asText()));
        return controls;
    }
}
