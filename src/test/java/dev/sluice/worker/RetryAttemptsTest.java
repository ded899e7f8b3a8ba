package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retry starts from a clean output folder: what an earlier attempt wrote is kept aside, never passed off as new. */
class RetryAttemptsTest {

    @TempDir
    Path dir;

    @Test
    void an_output_written_only_by_a_failed_attempt_does_not_make_the_retry_successful() {
        Path marker = dir.resolve("first-attempt");
        Path script = Scripts.write(dir, "once.sh", "if [ ! -f \"" + marker + "\" ]; then touch \"" + marker + "\"\n"
                + "  echo stale > \"$1/result.txt\"; exit 1\nfi\necho 'second attempt writes nothing'");
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(script, "{out}")
                + "\n    retries: 1\n    outputs: { result: { file: result.txt, type: string } }\n")) {
            String id = server.submit("t", "{}");
            JsonNode done = server.awaitEnd(id);

            assertThat(done.path("status").asText()).isEqualTo("failed");
            assertThat(done.path("reason").asText()).isEqualTo("invalid-output");
            assertThat(done.path("attempts").asInt()).isEqualTo(2);
            Path jobDir = server.dataDir().resolve("jobs").resolve(id);
            assertThat(jobDir.resolve("out-attempt-1").resolve("result.txt")).hasContent("stale");
            assertThat(server.http().get("/jobs/" + id + "/log").body()).contains("--- sluice: attempt 2 ---");
        }
    }
}
