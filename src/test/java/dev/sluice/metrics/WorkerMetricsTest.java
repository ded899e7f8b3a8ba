package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm workers started and recycled are counted by task, from the pool that starts and retires them. */
class WorkerMetricsTest {

    @TempDir
    Path dir;

    @Test
    void a_warm_worker_retired_after_its_one_job_is_counted_as_recycled_and_its_successor_as_started() throws IOException {
        Scripts.pythonHelper(dir);
        Files.writeString(dir.resolve("worker.py"), """
                import os, sluice

                @sluice.task
                def work(out=None):
                    with open(os.path.join(out, "done.txt"), "w") as f:
                        f.write("done")

                if __name__ == "__main__":
                    sluice.run()
                """);
        try (TestServer server = TestServer.start(dir, "tasks:\n  work:\n    mode: warm\n    command: [python3, \""
                + dir.resolve("worker.py") + "\"]\n    limits: { max-jobs-per-worker: 1 }\n")) {
            assertThat(server.awaitEnd(server.submit("work", "{}")).path("status").asText()).isEqualTo("successful");
            assertThat(server.awaitEnd(server.submit("work", "{}")).path("status").asText()).isEqualTo("successful");

            // why: the worker is given back (and retired) as its job ends, which may be a moment after the job's end is read
            await().atMost(TestServer.PATIENCE).untilAsserted(() -> assertThat(server.metrics())
                    .contains("sluice_worker_starts_total{task=\"work\"} 2.0")
                    .contains("sluice_worker_recycles_total{task=\"work\"} 2.0"));
        }
    }
}
