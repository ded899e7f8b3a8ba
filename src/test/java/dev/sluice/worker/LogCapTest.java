package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that prints far too much keeps a log of bounded size with its beginning and its end. */
class LogCapTest {

    @TempDir
    Path dir;

    @Test
    void a_runaway_print_loop_leaves_a_capped_log_with_its_head_and_tail() throws Exception {
        Path script = Scripts.write(dir, "chatty.sh", "echo 'first line'\n"
                + "for i in $(seq 1 40000); do echo \"line $i of a runaway loop, padded to be long enough\"; done\n"
                + "echo 'the real error is here' >&2\nexit 4");
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(script)
                + "\n    limits: { max-log: 64KB }\n")) {
            String id = server.submit("t", "{}");
            var done = server.awaitEnd(id);

            Path log = server.dataDir().resolve("jobs").resolve(id).resolve("log");
            assertThat(Files.size(log)).isLessThan(64 * 1024 + 200);
            String text = server.http().get("/jobs/" + id + "/log").body();
            assertThat(text).startsWith("first line").contains("log capped at the task's limits.max-log").endsWith("the real error is here\n");
            assertThat(done.path("message").asText()).contains("the real error is here");
        }
    }
}
