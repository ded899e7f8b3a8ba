package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops a server gracefully: it refuses new jobs with 503 and Retry-After, lets running jobs end within
 * its drain timeout, re-queues those that do not, and a restart runs them. Jobs wait on a gate file the test
 * opens, so no outcome depends on timing.
 */
class GracefulStopTest {

    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void a_stopping_server_refuses_new_jobs_but_lets_the_running_one_finish_and_keeps_the_queued_one() throws Exception {
        int port = ServerProcess.freePort();
        Path config = gatedConfig(port, "60s");
        ServerProcess first = ServerProcess.start(config, port, dir.resolve("server.log"));
        String running;
        String queued;
        try {
            running = submit(first.http());
            await().atMost(TestServer.PATIENCE).until(() -> Files.exists(dir.resolve("started-" + running)));
            queued = submit(first.http());

            first.terminate();

            HttpTestClient.Response refused = awaitRefusal(first.http());
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.json().path("type").asText()).endsWith("server-stopping");
            assertThat(first.http().get("/health").status()).isEqualTo(503);
            assertThat(first.http().get("/jobs/" + running).json().path("status").asText())
                    .as("status documents are still served while draining").isEqualTo("running");
            Files.writeString(dir.resolve("gate"), "open");
            assertThat(first.awaitExit(EXIT_PATIENCE)).as("the server exits once its running job has ended").isTrue();
        } finally {
            first.close();
        }

        ServerProcess second = ServerProcess.start(config, port, dir.resolve("server.log"));
        try {
            JsonNode finished = awaitEnd(second.http(), running);
            assertThat(finished.path("status").asText()).isEqualTo("successful");
            assertThat(finished.path("attempts").asInt()).isEqualTo(1);
            assertThat(finished.path("interruptions").asInt()).isZero();
            JsonNode later = awaitEnd(second.http(), queued);
            assertThat(later.path("status").asText()).isEqualTo("successful");
            assertThat(later.path("attempts").asInt()).as("it only started after the restart").isEqualTo(1);
            assertThat(later.path("interruptions").asInt()).isZero();
        } finally {
            second.close();
        }
    }

    @Test
    void a_job_still_running_when_the_drain_timeout_ends_is_stopped_requeued_and_run_again_after_a_restart() throws Exception {
        int port = ServerProcess.freePort();
        Path config = gatedConfig(port, "1s");
        ServerProcess first = ServerProcess.start(config, port, dir.resolve("server.log"));
        String id;
        long firstAttempt;
        try {
            id = submit(first.http());
            await().atMost(TestServer.PATIENCE).until(() -> Files.exists(dir.resolve("started-" + id)));
            firstAttempt = Scripts.pidIn(dir.resolve("started-" + id));

            first.terminate();

            assertThat(first.awaitExit(EXIT_PATIENCE)).isTrue();
            assertThat(Scripts.alive(firstAttempt)).as("the interrupted attempt's process is stopped").isFalse();
        } finally {
            first.close();
        }

        ServerProcess second = ServerProcess.start(config, port, dir.resolve("server.log"));
        try {
            await().atMost(TestServer.PATIENCE).until(() -> Scripts.pidIn(dir.resolve("started-" + id)) != firstAttempt);
            Files.writeString(dir.resolve("gate"), "open");
            JsonNode finished = awaitEnd(second.http(), id);
            assertThat(finished.path("status").asText()).isEqualTo("successful");
            assertThat(finished.path("attempts").asInt()).isEqualTo(2);
            assertThat(finished.path("interruptions").asInt()).as("the stop at the drain timeout is an interruption").isEqualTo(1);
        } finally {
            second.close();
        }
    }

    @Test
    void rolling_restarts_of_the_demo_lose_no_accepted_job() throws Exception {
        int port = ServerProcess.freePort();
        Path data = dir.resolve("demo-data");
        List<String> accepted = new ArrayList<>();
        for (int restart = 0; restart < 3; restart++) {
            ServerProcess server = ServerProcess.startDemo(data, port, dir.resolve("demo.log"), Map.of());
            try {
                for (int i = 0; i < 6; i++) {
                    HttpTestClient.Response r = server.http().postJsonAsync("/processes/echo/execution",
                            "{\"inputs\": {\"message\": \"round " + restart + " job " + i + "\"}}");
                    assertThat(r.status()).as(r.body()).isEqualTo(201);
                    accepted.add(r.json().path("jobID").asText());
                }
                server.terminate();
                assertThat(server.awaitExit(EXIT_PATIENCE)).isTrue();
            } finally {
                server.close();
            }
        }
        ServerProcess last = ServerProcess.startDemo(data, port, dir.resolve("demo.log"), Map.of());
        try {
            for (String id : accepted) {
                JsonNode end = awaitEnd(last.http(), id);
                assertThat(end.path("status").asText()).as(id + ": " + end).isEqualTo("successful");
            }
        } finally {
            last.close();
        }
    }

    @Test
    void a_job_whose_process_ended_by_itself_keeps_its_outcome_when_the_server_stops_before_recording_it() throws Exception {
        // why: the job's process exits 0 but leaves a child that ignores SIGTERM and holds the job's output open, so the
        // run is still reading that output (up to the kill grace) when the server stops, after the process has ended
        Path ledger = dir.resolve("ledger");
        Path ends = Scripts.write(dir, "ends.sh", "echo ran >> \"" + ledger + "\"\n"
                + "(trap '' TERM; sleep 30) &\n"
                + "echo $$ > \"" + dir + "/pid-$SLUICE_JOB_ID\"");
        // why: TestServer's servers stop with a drain timeout of 0
        String yaml = "tasks:\n  ends:\n    command: " + Scripts.command(ends) + "\n    limits: { kill-grace: 10s }\n";
        String id;
        try (TestServer first = TestServer.start(dir, yaml)) {
            id = first.submit("ends", "{}");
            Path pidFile = dir.resolve("pid-" + id);
            await().atMost(TestServer.PATIENCE).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            await().atMost(TestServer.PATIENCE).until(() -> ProcessHandle.of(pid).isEmpty());
            assertThat(first.status(id).path("status").asText()).as("its output is still being read").isEqualTo("running");
        }

        try (TestServer second = TestServer.start(dir, yaml)) {
            JsonNode ended = second.awaitEnd(id);
            assertThat(ended.path("status").asText()).as("%s", ended).isEqualTo("successful");
            assertThat(ended.path("attempts").asInt()).isEqualTo(1);
            assertThat(ended.path("interruptions").asInt()).isZero();
            assertThat(Files.readAllLines(ledger)).as("its work ran once").containsExactly("ran");
        }
    }

    /** One task, concurrency 1, whose job records its pid in started-JOB and waits until the gate file exists. */
    private Path gatedConfig(int port, String drainTimeout) {
        Path gated = Scripts.write(dir, "gated.sh", "echo $$ > \"" + dir + "/started-$SLUICE_JOB_ID\"\n"
                + "while [ ! -f \"" + dir.resolve("gate") + "\" ]; do sleep 0.05; done\necho done");
        Path config = dir.resolve("sluice.yaml");
        try {
            Files.writeString(config, "server: { listen: 127.0.0.1:" + port + ", drain-timeout: " + drainTimeout + " }\n"
                    + "storage: { data-dir: data }\n"
                    + "tasks:\n  gated:\n    command: " + Scripts.command(gated) + "\n    limits: { kill-grace: 500ms }\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return config;
    }

    private static String submit(HttpTestClient http) {
        HttpTestClient.Response r = http.postJson("/processes/gated/execution", "{\"inputs\": {}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobID").asText();
    }

    private static HttpTestClient.Response awaitRefusal(HttpTestClient http) {
        HttpTestClient.Response[] last = new HttpTestClient.Response[1];
        await().atMost(TestServer.PATIENCE).until(() -> {
            last[0] = http.postJson("/processes/gated/execution", "{\"inputs\": {}}");
            return last[0].status() != 201;
        });
        assertThat(last[0].status()).as(last[0].body()).isEqualTo(503);
        return last[0];
    }

    private static JsonNode awaitEnd(HttpTestClient http, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(TestServer.PATIENCE).ignoreExceptions().until(() -> {
            last[0] = http.get("/jobs/" + id).json();
            return Set.of("successful", "failed", "dismissed").contains(last[0].path("status").asText());
        });
        return last[0];
    }
}
