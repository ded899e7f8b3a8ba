package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preflights find a wrong interpreter or a missing library at start-up, not at the first user's request. */
class PreflightTest {

    private static final String BROKEN_AND_FINE = """
            tasks:
              analyze:
                command: [true]
                preflight: [bash, -c, "echo 'ModuleNotFoundError: No module named cv2' >&2; exit 1"]
              fine:
                command: [true]
                preflight: [bash, -c, "exit 0"]
            """;

    @TempDir
    Path dir;

    @Test
    void a_failing_preflight_stops_the_start_naming_the_task_the_command_and_its_output() {
        assertThatThrownBy(() -> TestServer.start(dir, BROKEN_AND_FINE))
                .hasMessageContaining("preflight of task 'analyze' failed")
                .hasMessageContaining("bash -c")
                .hasMessageContaining("No module named cv2")
                .hasMessageNotContaining("'fine'");
    }

    @Test
    void a_preflight_command_that_does_not_exist_is_reported_as_not_startable() {
        assertThatThrownBy(() -> TestServer.start(dir, "tasks:\n  t:\n    command: [true]\n    preflight: [" + dir.resolve("python9") + ", -V]\n"))
                .hasMessageContaining("preflight of task 't' failed")
                .hasMessageContaining("could not be started");
    }

    @Test
    void with_allow_broken_the_broken_task_is_shown_and_refuses_jobs_while_the_others_run() {
        try (TestServer server = TestServer.startAllowingBroken(dir, BROKEN_AND_FINE)) {
            HttpTestClient http = server.http();

            JsonNode description = http.get("/processes/analyze").json();
            assertThat(description.path("x-sluice-status").asText()).isEqualTo("broken");
            assertThat(description.path("x-sluice-broken-reason").asText()).contains("No module named cv2");
            HttpTestClient.Response refused = http.postJson("/processes/analyze/execution", "{}");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("detail").asText()).contains("broken").contains("No module named cv2");
            assertThat(http.get("/health").json().path("brokenTasks").has("analyze")).isTrue();
            assertThat(server.awaitEnd(server.submit("fine", "{}")).path("status").asText()).isEqualTo("successful");
        }
    }
}
