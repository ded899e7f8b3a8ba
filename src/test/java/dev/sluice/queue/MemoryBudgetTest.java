package dev.sluice.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory-budget admission: a job starts only when its memory limit fits what the running jobs leave. */
class MemoryBudgetTest {

    @TempDir
    Path dir;

    @Test
    void a_job_whose_limit_does_not_fit_the_budget_waits_and_says_so_until_memory_is_freed() throws Exception {
        Path gate = dir.resolve("gate");
        Path wait = Scripts.write(dir, "wait.sh", "while [ ! -f \"" + gate + "\" ]; do sleep 0.05; done");
        try (TestServer server = TestServer.start(dir, "node: { memory-budget: 300MB }\n"
                + "queues:\n  a: { concurrency: 1 }\n  b: { concurrency: 1 }\n  c: { concurrency: 1 }\n"
                + "tasks:\n"
                + "  big-a:\n    command: " + Scripts.command(wait) + "\n    queue: a\n    limits: { memory: 200MB }\n"
                + "  big-b:\n    command: " + Scripts.command(wait) + "\n    queue: b\n    limits: { memory: 200MB }\n"
                + "  small:\n    command: [true]\n    queue: c\n    limits: { memory: 50MB }\n")) {
            String first = server.submit("big-a", "{}");
            server.awaitStatus(first, "running");
            String second = server.submit("big-b", "{}");

            await().atMost(TestServer.PATIENCE).until(() -> server.status(second).path("message").asText().startsWith("waiting for memory"));
            assertThat(server.status(second).path("status").asText()).isEqualTo("accepted");
            assertThat(server.status(second).path("message").asText())
                    .isEqualTo("waiting for memory: needs 200 MB, 100 MB of the 300 MB node budget is free");
            assertThat(server.awaitEnd(server.submit("small", "{}")).path("status").asText()).isEqualTo("successful");
            assertThat(server.status(second).path("status").asText()).isEqualTo("accepted");

            Files.writeString(gate, "go");
            assertThat(server.awaitEnd(first).path("status").asText()).isEqualTo("successful");
            assertThat(server.awaitEnd(second).path("status").asText()).isEqualTo("successful");
        }
    }
}
