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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed with SIGKILL while jobs are queued and running loses none of them when it comes back. */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void after_a_kill_9_the_running_jobs_re_run_without_spending_retries_and_no_orphan_keeps_running() throws Exception {
        Path longJob = Scripts.write(dir, "long.sh", rerunSucceeds("long") + "echo $$ > \"" + dir.resolve("long.pid") + "\"\n"
                + "sleep 300 &\necho $! > \"" + dir.resolve("long-grandchild.pid") + "\"\nwait");
        // why: its re-run fails once more; with the interruption counted as a retry, that failure would end the job
        Path failsOnce = Scripts.write(dir, "fails-once.sh", "if [ -f \"" + dir.resolve("fails-once.ran") + "\" ]; then\n"
                + "  if [ -f \"" + dir.resolve("fails-once.failed") + "\" ]; then exit 0; fi\n"
                + "  touch \"" + dir.resolve("fails-once.failed") + "\"; exit 1\nfi\n"
                + "touch \"" + dir.resolve("fails-once.ran") + "\"\necho $$ > \"" + dir.resolve("fails-once.pid") + "\"\nsleep 300");
        Path quick = Scripts.write(dir, "quick.sh", "echo done > \"$1/done.txt\"");
        int port = ServerProcess.freePort();
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "server: { listen: 127.0.0.1:" + port + ", auth: { list-all: true } }\nstorage: { data-dir: data }\n"
                + "queues:\n  other: { concurrency: 1 }\n"
                + "tasks:\n"
                + "  long:\n    command: " + Scripts.command(longJob) + "\n    limits: { kill-grace: 500ms }\n"
                + "  fails-once:\n    command: " + Scripts.command(failsOnce) + "\n    queue: other\n    retries: 1\n"
                + "  quick:\n    command: " + Scripts.command(quick, "{out}") + "\n    outputs: { done: { file: done.txt, type: string } }\n");
        Path log = dir.resolve("server.log");

        List<String> quickIds = new ArrayList<>();
        String longId;
        String failsOnceId;
        ServerProcess first = ServerProcess.start(config, port, log);
        try {
            HttpTestClient http = first.http();
            longId = submit(http, "long");
            failsOnceId = submit(http, "fails-once");
            for (int i = 0; i < 5; i++) {
                quickIds.add(submit(http, "quick"));
            }
            await().atMost(TestServer.PATIENCE).until(() -> Files.exists(dir.resolve("long-grandchild.pid"))
                    && Files.exists(dir.resolve("fails-once.pid")));
            assertThat(status(http, quickIds.get(0)).path("status").asText()).isEqualTo("accepted");
            first.killHard();
        } finally {
            first.close();
        }
        long orphan = Scripts.pidIn(dir.resolve("long.pid"));
        long orphanGrandchild = Scripts.pidIn(dir.resolve("long-grandchild.pid"));
        long orphanFailsOnce = Scripts.pidIn(dir.resolve("fails-once.pid"));
        assertThat(Scripts.alive(orphanGrandchild)).as("the crash left the job's processes running").isTrue();

        try (ServerProcess second = ServerProcess.start(config, port, log)) {
            HttpTestClient http = second.http();
            JsonNode rerun = awaitEnd(http, longId);
            assertThat(rerun.path("status").asText()).as(rerun.toString()).isEqualTo("successful");
            assertThat(rerun.path("attempts").asInt()).isEqualTo(2);
            assertThat(rerun.path("interruptions").asInt()).isEqualTo(1);
            JsonNode retried = awaitEnd(http, failsOnceId);
            assertThat(retried.path("status").asText()).as("its one retry was still there: " + retried).isEqualTo("successful");
            assertThat(retried.path("attempts").asInt()).isEqualTo(3);
            assertThat(retried.path("interruptions").asInt()).isEqualTo(1);
            for (String id : quickIds) {
                assertThat(awaitEnd(http, id).path("status").asText()).isEqualTo("successful");
            }
            Set<String> listed = new HashSet<>();
            http.get("/jobs").json().path("jobs").forEach(j -> listed.add(j.path("jobID").asText()));
            assertThat(listed).contains(longId, failsOnceId).containsAll(quickIds).hasSize(7);
            await().atMost(TestServer.PATIENCE).until(() ->
                    !Scripts.alive(orphan) && !Scripts.alive(orphanGrandchild) && !Scripts.alive(orphanFailsOnce));
        }
    }

    @Test
    void a_job_that_kills_its_server_every_time_fails_interrupted_after_the_limit_and_the_jobs_behind_it_run() throws Exception {
        Path gate = dir.resolve("gate");
        Path killer = Scripts.write(dir, "killer.sh", "while [ ! -f \"" + gate + "\" ]; do sleep 0.05; done\n"
                + "echo run >> \"" + dir.resolve("killer.runs") + "\"\nkill -9 $PPID");
        Path quick = Scripts.write(dir, "quick.sh", "echo done > \"$1/done.txt\"");
        int port = ServerProcess.freePort();
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "server: { listen: 127.0.0.1:" + port + " }\nstorage: { data-dir: data }\n"
                + "tasks:\n"
                + "  killer:\n    command: " + Scripts.command(killer) + "\n"
                + "  quick:\n    command: " + Scripts.command(quick, "{out}") + "\n    outputs: { done: { file: done.txt, type: string } }\n");
        Path log = dir.resolve("server.log");

        String killerId;
        List<String> behind = new ArrayList<>();
        ServerProcess server = ServerProcess.start(config, port, log);
        killerId = submit(server.http(), "killer");
        behind.add(submit(server.http(), "quick"));
        behind.add(submit(server.http(), "quick"));
        Files.createFile(gate);
        int deaths = 0;
        // why: default limits.max-interruptions is 2, so the killer brings the server down three times; a fourth would be a bug
        while (deaths < 5) {
            ServerProcess current = server;
            await().atMost(TestServer.PATIENCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> !current.alive() || ended(current, killerId));
            if (current.alive()) {
                break;
            }
            deaths++;
            assertThat(Files.readAllLines(dir.resolve("killer.runs"))).as("the killer ran before death " + deaths).hasSize(deaths);
            server = ServerProcess.spawn(config, port, log);
        }
        try (ServerProcess survivor = server) {
            assertThat(deaths).as("deaths of the server").isEqualTo(3);
            JsonNode failed = status(survivor.http(), killerId);
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("reason").asText()).isEqualTo("interrupted");
            assertThat(failed.path("interruptions").asInt()).isEqualTo(3);
            assertThat(failed.path("attempts").asInt()).isEqualTo(3);
            assertThat(failed.path("message").asText()).contains("3 times").contains("limits.max-interruptions (2)");
            for (String id : behind) {
                assertThat(awaitEnd(survivor.http(), id).path("status").asText()).isEqualTo("successful");
            }
            assertThat(survivor.http().get("/health").status()).isEqualTo(200);
        }
    }

    private static boolean ended(ServerProcess server, String id) {
        try {
            return Set.of("successful", "failed", "dismissed").contains(status(server.http(), id).path("status").asText());
        } catch (RuntimeException | AssertionError notAnsweringYet) {
            return false;
        }
    }

    /** A script prefix that exits 0 when the script ran before: its second run succeeds at once. */
    private String rerunSucceeds(String name) {
        Path ran = dir.resolve(name + ".ran");
        return "if [ -f \"" + ran + "\" ]; then exit 0; fi\ntouch \"" + ran + "\"\n";
    }

    @Test
    void a_second_server_on_the_same_data_folder_is_refused() {
        String yaml = "tasks:\n  t:\n    command: [true]\n";
        try (TestServer first = TestServer.start(dir, yaml)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(dir, yaml))
                    .hasMessageContaining("another Sluice server is using the data folder");
            assertThat(first.http().get("/health").status()).isEqualTo(200);
        }
    }

    private static String submit(HttpTestClient http, String task) {
        HttpTestClient.Response r = http.postJson("/processes/" + task + "/execution", "{\"inputs\": {}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobID").asText();
    }

    private static JsonNode status(HttpTestClient http, String id) {
        return http.get("/jobs/" + id).json();
    }

    private static JsonNode awaitEnd(HttpTestClient http, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(TestServer.PATIENCE).until(() -> {
            last[0] = status(http, id);
            return Set.of("successful", "failed", "dismissed").contains(last[0].path("status").asText());
        });
        return last[0];
    }
}
