package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void after_a_kill_9_and_a_restart_every_accepted_job_is_accounted_for_and_no_orphan_keeps_running() throws Exception {
        Path marker = dir.resolve("resumable-ran-once");
        Path longJob = Scripts.write(dir, "long.sh", "echo $$ > \"" + dir.resolve("long.pid") + "\"\n"
                + "sleep 300 &\necho $! > \"" + dir.resolve("long-grandchild.pid") + "\"\nwait");
        Path resumable = Scripts.write(dir, "resumable.sh", "if [ -f \"" + marker + "\" ]; then exit 0; fi\n"
                + "touch \"" + marker + "\"\necho $$ > \"" + dir.resolve("resumable.pid") + "\"\nsleep 300");
        Path quick = Scripts.write(dir, "quick.sh", "echo done > \"$1/done.txt\"");
        int port = ServerProcess.freePort();
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "server: { listen: 127.0.0.1:" + port + ", auth: { list-all: true } }\nstorage: { data-dir: data }\n"
                + "queues:\n  other: { concurrency: 1 }\n"
                + "tasks:\n"
                + "  long:\n    command: " + Scripts.command(longJob) + "\n    limits: { kill-grace: 500ms }\n"
                + "  resumable:\n    command: " + Scripts.command(resumable) + "\n    queue: other\n    retries: 1\n"
                + "  quick:\n    command: " + Scripts.command(quick, "{out}") + "\n    outputs: { done: { file: done.txt, type: string } }\n");
        Path log = dir.resolve("server.log");

        List<String> quickIds = new ArrayList<>();
        String longId;
        String resumableId;
        ServerProcess first = ServerProcess.start(config, port, log);
        try {
            HttpTestClient http = first.http();
            longId = submit(http, "long");
            resumableId = submit(http, "resumable");
            for (int i = 0; i < 5; i++) {
                quickIds.add(submit(http, "quick"));
            }
            await().atMost(TestServer.PATIENCE).until(() -> Files.exists(dir.resolve("long-grandchild.pid"))
                    && Files.exists(dir.resolve("resumable.pid")));
            assertThat(status(http, quickIds.get(0)).path("status").asText()).isEqualTo("accepted");
            first.killHard();
        } finally {
            first.close();
        }
        long orphan = Scripts.pidIn(dir.resolve("long.pid"));
        long orphanGrandchild = Scripts.pidIn(dir.resolve("long-grandchild.pid"));
        long orphanResumable = Scripts.pidIn(dir.resolve("resumable.pid"));
        assertThat(Scripts.alive(orphanGrandchild)).as("the crash left the job's processes running").isTrue();

        try (ServerProcess second = ServerProcess.start(config, port, log)) {
            HttpTestClient http = second.http();
            JsonNode interrupted = awaitEnd(http, longId);
            assertThat(interrupted.path("status").asText()).isEqualTo("failed");
            assertThat(interrupted.path("reason").asText()).isEqualTo("interrupted");
            JsonNode rerun = awaitEnd(http, resumableId);
            assertThat(rerun.path("status").asText()).isEqualTo("successful");
            assertThat(rerun.path("attempts").asInt()).isEqualTo(2);
            for (String id : quickIds) {
                assertThat(awaitEnd(http, id).path("status").asText()).isEqualTo("successful");
            }
            Set<String> listed = new HashSet<>();
            http.get("/jobs").json().path("jobs").forEach(j -> listed.add(j.path("jobID").asText()));
            assertThat(listed).contains(longId, resumableId).containsAll(quickIds).hasSize(7);
            await().atMost(TestServer.PATIENCE).until(() ->
                    !Scripts.alive(orphan) && !Scripts.alive(orphanGrandchild) && !Scripts.alive(orphanResumable));
        }
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
