package dev.sluice.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /req/callback/job-callback: subscriber URLs are called with the job's documents, retried, and kept over a restart. */
class CallbackDeliveryTest extends ServerFixture {

    private static final String TASKS = """
            tasks:
              echo:
                command: [sh, -c, "printf '%s' \\"$1\\" > \\"$2\\"", sh, "{text}", "{out}/echo.txt"]
                inputs:
                  text: { type: string, max-length: 20 }
                outputs:
                  echo: { file: echo.txt, type: string }
              broken:
                command: [sh, -c, "echo boom >&2; exit 3"]
              held:
                command: [sleep, "60"]
            """;
    private static final Map<String, String> LOOPBACK_ALLOWED = Map.of("SLUICE_SERVER_CALLBACKS", "{allow: [127.0.0.1/32, \"::1/128\"]}");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private CallbackReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void req_callback_job_callback_a_successful_job_calls_in_progress_with_its_status_and_success_with_its_results() {
        start();
        String id = submit("echo", "{\"text\": \"hello\"}", "{\"successUri\": \"" + receiver.url("/done?token=a") + "\", "
                + "\"inProgressUri\": \"" + receiver.url("/running") + "\", \"failedUri\": \"" + receiver.url("/failed") + "\"}");

        await().atMost(PATIENCE).until(() -> receiver.at("/done?token=a").size() == 1);
        JsonNode results = server.http().get("/jobs/" + id + "/results").json();
        CallbackReceiver.Received done = receiver.at("/done?token=a").getFirst();
        assertThat(TestServer.parse(done.body())).isEqualTo(results);
        assertThat(results.path("echo").asText()).isEqualTo("hello");
        assertThat(done.contentType()).isEqualTo("application/json");
        await().atMost(PATIENCE).until(() -> receiver.at("/running").size() == 1);
        JsonNode running = TestServer.parse(receiver.at("/running").getFirst().body());
        assertThat(running.path("jobID").asText()).isEqualTo(id);
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("links").findValuesAsText("href")).as("absolute, as the submitting request named the server")
                .isNotEmpty().allSatisfy(href -> assertThat(href).startsWith(server.http().base() + "/jobs/" + id));
        assertThat(receiver.paths()).containsExactly("/running", "/done?token=a");
    }

    @Test
    void req_callback_job_callback_a_failed_job_calls_failed_with_the_problem_document_its_results_answer() {
        start();
        String id = submit("broken", "{}", "{\"successUri\": \"" + receiver.url("/done") + "\", \"failedUri\": \""
                + receiver.url("/failed") + "\"}");

        await().atMost(PATIENCE).until(() -> receiver.at("/failed").size() == 1);
        JsonNode problem = TestServer.parse(receiver.at("/failed").getFirst().body());
        HttpTestClient.Response results = server.http().get("/jobs/" + id + "/results");
        assertThat(results.status()).isEqualTo(500);
        assertThat(problem.path("type").asText()).isEqualTo(results.json().path("type").asText()).endsWith("/job-exit-code");
        assertThat(problem.path("detail").asText()).isEqualTo(results.json().path("detail").asText()).contains("failed");
        assertThat(problem.path("jobID").asText()).isEqualTo(id);
        assertThat(problem.path("jobStatus").asText()).isEqualTo("failed");
        assertThat(problem.path("status").asInt()).as("RFC 9457: the HTTP status").isEqualTo(500);
        assertThat(receiver.at("/done")).isEmpty();
    }

    @Test
    void req_callback_job_callback_a_dismissed_job_calls_failed_with_the_problem_its_results_answer() {
        start();
        String id = submit("held", "{}", "{\"successUri\": \"" + receiver.url("/done") + "\", \"failedUri\": \""
                + receiver.url("/failed") + "\"}");
        server.awaitStatus(id, "running");

        assertThat(server.http().delete("/jobs/" + id).status()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> receiver.at("/failed").size() == 1);
        JsonNode problem = TestServer.parse(receiver.at("/failed").getFirst().body());
        assertThat(problem.path("type").asText()).endsWith("/job-dismissed");
        assertThat(problem.path("jobID").asText()).isEqualTo(id);
        assertThat(problem.path("jobStatus").asText()).isEqualTo("dismissed");
        assertThat(receiver.at("/done")).isEmpty();
    }

    @Test
    void a_receiver_answering_500_twice_then_200_gets_three_attempts_and_no_more() {
        receiver.answer(200, 500, 500);
        start();
        submit("echo", "{\"text\": \"x\"}", "{\"successUri\": \"" + receiver.url("/done") + "\"}");

        await().atMost(PATIENCE).until(() -> receiver.at("/done").size() == 3
                && server.server().store().callbacks().pending().isEmpty());
        assertThat(receiver.at("/done")).hasSize(3).extracting(CallbackReceiver.Received::body)
                .containsOnly(receiver.at("/done").getFirst().body());
        String metrics = server.metrics();
        assertThat(metrics).contains("sluice_callback_attempts_total{outcome=\"retried\"} 2.0")
                .contains("sluice_callback_attempts_total{outcome=\"delivered\"} 1.0");
    }

    @Test
    void a_client_error_is_not_retried() {
        receiver.answer(404);
        start();
        submit("echo", "{\"text\": \"x\"}", "{\"successUri\": \"" + receiver.url("/gone") + "\"}");

        await().atMost(PATIENCE).until(() -> receiver.at("/gone").size() == 1 && server.server().store().callbacks().pending().isEmpty());
        assertThat(receiver.at("/gone")).hasSize(1);
    }

    @Test
    void the_request_names_the_host_of_the_url_though_it_goes_to_the_checked_address() {
        start();
        String url = "http://localhost:" + receiver.port() + "/named";
        submit("echo", "{\"text\": \"x\"}", "{\"successUri\": \"" + url + "\"}");

        await().atMost(PATIENCE).until(() -> receiver.at("/named").size() == 1);
        assertThat(receiver.at("/named").getFirst().host()).isEqualTo("localhost:" + receiver.port());
    }

    @Test
    void a_delivery_pending_at_a_stop_is_made_after_the_restart() {
        receiver.answer(503);
        start();
        String id = submit("echo", "{\"text\": \"later\"}", "{\"successUri\": \"" + receiver.url("/done") + "\"}");
        await().atMost(PATIENCE).until(() -> !receiver.at("/done").isEmpty());
        server.close();
        server = null;
        int before = receiver.at("/done").size();
        receiver.answer(200);

        start();

        await().atMost(PATIENCE).until(() -> receiver.at("/done").size() > before
                && server.server().store().callbacks().pending().isEmpty());
        JsonNode delivered = TestServer.parse(receiver.at("/done").getLast().body());
        assertThat(delivered).isEqualTo(server.http().get("/jobs/" + id + "/results").json());
        assertThat(delivered.path("echo").asText()).isEqualTo("later");
    }

    private void start() {
        server = TestServer.start(dir, TASKS, LOOPBACK_ALLOWED);
    }

    private String submit(String task, String inputs, String subscriber) {
        HttpTestClient.Response r = server.http().postJson("/processes/" + task + "/execution",
                "{\"inputs\": " + inputs + ", \"subscriber\": " + subscriber + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobID").asText();
    }
}
