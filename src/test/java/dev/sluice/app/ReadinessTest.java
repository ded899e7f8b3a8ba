package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `GET /health/ready` answers 200 while the node should be sent work, and 503 naming the failed check while it drains,
 * while its data disk is full, or while a task is broken without --allow-broken.
 */
class ReadinessTest {

    @TempDir
    Path dir;

    @Test
    void a_healthy_node_is_ready_and_says_which_checks_passed() {
        try (TestServer server = TestServer.start(dir, "tasks:\n  noop:\n    command: [\"true\"]\n")) {
            HttpTestClient.Response ready = server.http().get("/health/ready");

            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("status").asText()).isEqualTo("ready");
            assertThat(ready.json().path("checks").toString())
                    .isEqualTo("{\"database\":\"ok\",\"disk\":\"ok\",\"accepting\":\"ok\",\"tasks\":\"ok\"}");
        }
    }

    @Test
    void a_full_disk_makes_the_node_unready_until_there_is_room_again() {
        AtomicLong free = new AtomicLong(10L << 30);
        try (TestServer server = TestServer.start(dir, "tasks:\n  noop:\n    command: [\"true\"]\n",
                StartOptions.DEFAULT.readingUsableSpace(path -> free.get()))) {
            assertThat(server.http().get("/health/ready").status()).isEqualTo(200);

            free.set(4096);
            HttpTestClient.Response full = server.http().get("/health/ready");
            assertThat(full.status()).isEqualTo(503);
            assertThat(full.json().path("status").asText()).isEqualTo("not-ready");
            assertThat(full.json().path("failed").toString()).isEqualTo("[\"disk\"]");
            assertThat(full.json().path("checks").path("disk").asText()).contains("4096 bytes free");
            assertThat(server.metrics()).contains("sluice_data_dir_free_bytes 4096.0");

            free.set(10L << 30);
            assertThat(server.http().get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void a_draining_node_is_unready_while_its_running_job_finishes() throws Exception {
        Path gate = dir.resolve("gate");
        Path wait = Scripts.write(dir.resolve("scripts"), "wait.sh", "while [ ! -e \"" + gate + "\" ]; do sleep 0.05; done");
        TestServer server = TestServer.start(dir, "tasks:\n  wait: { command: " + Scripts.command(wait) + " }\n",
                Map.of("SLUICE_SERVER_DRAIN_TIMEOUT", "60s"));
        Thread stopping = null;
        try {
            String id = server.submit("wait", "{}");
            server.awaitStatus(id, "running");
            stopping = Thread.ofVirtual().start(server::close);

            HttpTestClient.Response draining = await().atMost(TestServer.PATIENCE)
                    .until(() -> server.http().get("/health/ready"), r -> r.status() == 503);

            assertThat(draining.json().path("failed").toString()).isEqualTo("[\"accepting\"]");
            assertThat(draining.json().path("checks").path("database").asText()).isEqualTo("ok");
        } finally {
            Files.writeString(gate, "open");
            if (stopping == null) {
                server.close();
            } else {
                stopping.join(TestServer.PATIENCE.toMillis());
            }
        }
    }

    @Test
    void a_crash_looping_task_makes_the_node_unready() {
        Path crash = Scripts.write(dir.resolve("scripts"), "crash.sh", "kill -9 $$");
        try (TestServer server = TestServer.start(dir, "tasks:\n  crash: { command: " + Scripts.command(crash) + " }\n")) {
            await().atMost(TestServer.PATIENCE).until(() -> {
                if (server.http().get("/processes/crash").body().contains("broken")) {
                    return true;
                }
                server.http().postJson("/processes/crash/execution", "{\"inputs\": {}}");
                return false;
            });

            HttpTestClient.Response unready = server.http().get("/health/ready");
            assertThat(unready.status()).isEqualTo(503);
            assertThat(unready.json().path("checks").path("tasks").asText()).isEqualTo("broken: crash");
            assertThat(server.metrics()).contains("sluice_tasks_broken 1.0")
                    .containsPattern("sluice_crashes_total\\{task=\"crash\"} [1-9]");
        }
    }

    @Test
    void a_task_broken_at_start_does_not_make_the_node_unready_when_broken_tasks_were_allowed() {
        try (TestServer server = TestServer.startAllowingBroken(dir, "tasks:\n  t:\n    command: [\"true\"]\n"
                + "    preflight: [bash, -c, \"exit 3\"]\n")) {
            HttpTestClient.Response ready = server.http().get("/health/ready");

            assertThat(ready.status()).isEqualTo(200);
            assertThat(server.metrics()).contains("sluice_tasks_broken 1.0");
        }
    }
}
