package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warm task's first worker is started with the server, before any job asks for it; real processes. */
class WarmPrestartTest {

    @TempDir
    Path dir;

    private TestServer server;
    private Path starts;

    @BeforeEach
    void writeHelper() throws IOException {
        Scripts.pythonHelper(dir);
        starts = dir.resolve("starts.log");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A worker that notes its pid when it starts, waits {@code importSeconds} as heavy imports would, then serves. */
    private void writeWorker(double importSeconds) throws IOException {
        Files.writeString(dir.resolve("worker.py"), """
                import os, time
                with open(%s, "a") as f:
                    f.write("%%d\\n" %% os.getpid())
                time.sleep(%s)
                import sluice

                @sluice.task
                def work(out=None):
                    with open(os.path.join(out, "pid.txt"), "w") as f:
                        f.write(str(os.getpid()))

                if __name__ == "__main__":
                    sluice.run()
                """.formatted("'" + starts.toString().replace("'", "\\'") + "'", importSeconds));
    }

    private void start(String limits) {
        server = TestServer.start(dir, "tasks:\n  work:\n    mode: warm\n    command: [python3, \"" + dir.resolve("worker.py") + "\"]\n"
                + "    outputs:\n      pid: { file: pid.txt, type: string }\n    limits: " + limits + "\n");
    }

    private List<String> startedPids() throws IOException {
        return Files.exists(starts) ? Files.readAllLines(starts) : List.of();
    }

    @Test
    void the_first_job_is_taken_by_the_worker_started_with_the_server() throws IOException {
        writeWorker(0.2);
        start("{ timeout: 30s }");

        await().atMost(TestServer.PATIENCE).until(() -> startedPids().size() == 1);
        JsonNode done = server.awaitEnd(server.submit("work", "{}"));

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("successful");
        String pid = server.http().get("/jobs/" + done.path("jobID").asText() + "/results").json().path("pid").asText();
        assertThat(startedPids()).containsExactly(pid);
    }

    @Test
    void a_job_submitted_while_the_first_worker_still_starts_waits_for_it_instead_of_starting_another() throws IOException {
        writeWorker(1.5);
        start("{ timeout: 30s }");

        JsonNode done = server.awaitEnd(server.submit("work", "{}"));

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("successful");
        assertThat(startedPids()).hasSize(1);
    }

    @Test
    void stopping_the_server_while_its_first_worker_starts_stops_that_worker() throws IOException {
        writeWorker(120);
        start("{ timeout: 30s, startup-timeout: 300s }");
        await().atMost(TestServer.PATIENCE).until(() -> startedPids().size() == 1);
        long pid = Long.parseLong(startedPids().get(0));

        server.close();
        server = null;

        await().atMost(TestServer.PATIENCE).until(() -> !Scripts.alive(pid));
    }
}
