package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `Prefer: wait=N` on a status request holds it until the job ends, or answers as the job is after N seconds. */
class PreferWaitTest {

    @TempDir
    Path dir;

    @Test
    void a_status_request_that_prefers_to_wait_answers_when_the_job_ends() throws Exception {
        Path gate = dir.resolve("gate");
        Path script = Scripts.write(dir, "gated.sh", "while [ ! -f \"" + gate + "\" ]; do sleep 0.05; done");
        try (TestServer server = TestServer.start(dir, "tasks:\n  gated:\n    command: " + Scripts.command(script) + "\n")) {
            String id = server.submit("gated", "{}");
            server.awaitStatus(id, "running");

            CompletableFuture<HttpTestClient.Response> waiting = CompletableFuture.supplyAsync(() ->
                    server.http().get("/jobs/" + id, Map.of("Prefer", "wait=60")));
            Files.writeString(gate, "open");
            HttpTestClient.Response answer = waiting.get(TestServer.PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

            assertThat(answer.json().path("status").asText()).isEqualTo("successful");
            assertThat(answer.header("Preference-Applied")).isEqualTo("wait=60");
        }
    }

    @Test
    void a_job_still_running_when_the_wait_is_over_is_answered_as_it_is() {
        Path script = Scripts.write(dir, "forever.sh", "sleep 600");
        try (TestServer server = TestServer.start(dir, "tasks:\n  forever:\n    command: " + Scripts.command(script)
                + "\n    limits: { kill-grace: 100ms }\n")) {
            String id = server.submit("forever", "{}");
            server.awaitStatus(id, "running");

            HttpTestClient.Response answer = server.http().get("/jobs/" + id, Map.of("Prefer", "wait=1"));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("status").asText()).isEqualTo("running");
        }
    }

    @Test
    void the_preference_is_read_from_a_list_and_capped() {
        assertThat(JobWaiter.preferredWait("respond-async, wait=5")).contains(Duration.ofSeconds(5));
        assertThat(JobWaiter.preferredWait("wait=100000")).contains(JobWaiter.LONGEST_WAIT);
        assertThat(JobWaiter.preferredWait("wait=soon")).isEqualTo(Optional.empty());
        assertThat(JobWaiter.preferredWait("return=minimal")).isEqualTo(Optional.empty());
        assertThat(JobWaiter.preferredWait(null)).isEqualTo(Optional.empty());
    }
}
