package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task whose process dies at once on every start is marked broken instead of failing job after job forever. */
class CrashLoopTest {

    @TempDir
    Path dir;

    @Test
    void a_task_that_crashes_at_start_five_times_in_a_row_is_marked_broken_and_refuses_new_jobs() {
        Path script = Scripts.write(dir, "segfault.sh", "kill -SEGV $$");
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(script)
                + "\n  other:\n    command: [true]\n")) {
            for (int crash = 1; crash <= TaskHealth.QUICK_FAILURES_TO_BREAK; crash++) {
                assertCrashed(server.awaitEnd(server.submit("t", "{}")), crash);
                assertThat(broken(server)).as("broken after crash %d of %d", crash, TaskHealth.QUICK_FAILURES_TO_BREAK)
                        .isEqualTo(crash == TaskHealth.QUICK_FAILURES_TO_BREAK);
            }

            HttpTestClient.Response refused = server.http().postJson("/processes/t/execution", "{}");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("detail").asText()).contains("died at start 5 times in a row");
            assertThat(server.awaitEnd(server.submit("other", "{}")).path("status").asText()).isEqualTo("successful");
        }
    }

    @Test
    void jobs_queued_behind_the_crash_that_breaks_the_task_fail_saying_it_is_broken() {
        Path script = Scripts.write(dir, "segfault.sh", "kill -SEGV $$");
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(script) + "\n")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < TaskHealth.QUICK_FAILURES_TO_BREAK + 1; i++) {
                ids.add(server.submit("t", "{}"));
            }
            for (int crash = 1; crash <= TaskHealth.QUICK_FAILURES_TO_BREAK; crash++) {
                assertCrashed(server.awaitEnd(ids.get(crash - 1)), crash);
            }
            JsonNode last = server.awaitEnd(ids.get(TaskHealth.QUICK_FAILURES_TO_BREAK));
            assertThat(last.path("status").asText()).isEqualTo("failed");
            assertThat(last.path("message").asText()).contains("is broken");
        }
    }

    @Test
    void a_command_that_cannot_start_breaks_its_task_after_the_same_number_of_tries() {
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: [" + dir.resolve("missing") + "]\n")) {
            for (int attempt = 1; attempt <= TaskHealth.QUICK_FAILURES_TO_BREAK; attempt++) {
                JsonNode end = server.awaitEnd(server.submit("t", "{}"));
                assertThat(end.path("reason").asText()).as("start %d", attempt).isEqualTo("launch");
                assertThat(end.path("message").asText()).as("start %d", attempt).contains("could not be started");
                assertThat(broken(server)).as("broken after start %d", attempt).isEqualTo(attempt == TaskHealth.QUICK_FAILURES_TO_BREAK);
            }
            assertThat(server.http().postJson("/processes/t/execution", "{}").status()).isEqualTo(503);
        }
    }

    @Test
    void a_success_in_between_resets_the_count() {
        Path marker = dir.resolve("crash");
        Path script = Scripts.write(dir, "sometimes.sh", "if [ -f \"" + marker + "\" ]; then kill -SEGV $$; fi\ntrue");
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(script) + "\n")) {
            write(marker);
            for (int crash = 1; crash < TaskHealth.QUICK_FAILURES_TO_BREAK; crash++) {
                assertCrashed(server.awaitEnd(server.submit("t", "{}")), crash);
            }
            delete(marker);
            assertThat(server.awaitEnd(server.submit("t", "{}")).path("status").asText()).isEqualTo("successful");
            write(marker);
            for (int crash = 1; crash < TaskHealth.QUICK_FAILURES_TO_BREAK; crash++) {
                assertCrashed(server.awaitEnd(server.submit("t", "{}")), crash);
                assertThat(broken(server)).as("the success reset the count; crash %d after it", crash).isFalse();
            }
            assertThat(server.http().postJson("/processes/t/execution", "{}").status()).isEqualTo(201);
        }
    }

    private static void assertCrashed(JsonNode end, int crash) {
        assertThat(end.path("status").asText()).as("crash %d: %s", crash, end).isEqualTo("failed");
        assertThat(end.path("reason").asText()).as("crash %d: %s", crash, end).isEqualTo("crashed");
        assertThat(end.path("message").asText()).as("crash %d", crash).contains("killed by signal 11");
        assertThat(end.path("attempts").asInt()).as("crash %d", crash).isEqualTo(1);
    }

    private static boolean broken(TestServer server) {
        return "broken".equals(server.http().get("/processes/t").json().path("x-sluice-status").asText());
    }

    private static void write(Path file) {
        try {
            java.nio.file.Files.writeString(file, "x");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        try {
            java.nio.file.Files.delete(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
