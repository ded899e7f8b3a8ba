package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm workers with the shipped Python helper: reuse, recycling, crashes, limits and progress, with real processes. */
class WarmWorkerTest {

    @TempDir
    Path dir;

    private TestServer server;
    private Path imports;
    private Path gate;

    @BeforeEach
    void writeWorker() throws IOException {
        Scripts.pythonHelper(dir);
        imports = dir.resolve("imports.log");
        gate = dir.resolve("gate");
        Files.writeString(dir.resolve("worker.py"), """
                import os, signal, sys, time
                with open(%s, "a") as f:
                    f.write("heavy import\\n")
                time.sleep(0.2)
                import sluice

                @sluice.task
                def work(mode="ok", n=1, ratio=0.5, flag=False, out=None):
                    sluice.progress(10, "started")
                    print("a line from the job")
                    with open(os.path.join(out, "result.txt"), "w") as f:
                        f.write("%%d %%s %%s %%s %%s" %% (os.getpid(), type(n).__name__, type(ratio).__name__, flag, mode))
                    if mode == "crash":
                        os.kill(os.getpid(), signal.SIGKILL)
                    if mode == "raise":
                        raise ValueError("ratio must be below one")
                    if mode == "wait":
                        sluice.progress(42, "halfway there")
                        while not os.path.exists(%s):
                            time.sleep(0.05)
                    if mode == "chatty":
                        for i in range(5000):
                            print("a long line of output number %%d, padded to make the pipe fill up quickly" %% i)
                    if mode == "sleep":
                        time.sleep(60)
                    if mode == "hog":
                        held = [b"x" * (20 << 20) for _ in range(100) if time.sleep(0.05) is None]

                if __name__ == "__main__":
                    sluice.run()
                """.formatted(pyString(imports), pyString(gate)));
    }

    @AfterEach
    void stop() throws IOException {
        Files.writeString(gate, "go");
        if (server != null) {
            server.close();
        }
    }

    private void start(String limits) {
        server = TestServer.start(dir, "tasks:\n  work:\n    mode: warm\n    command: [python3, \"" + dir.resolve("worker.py") + "\"]\n"
                + "    inputs:\n      mode: { type: string, default: ok }\n      n: { type: integer, default: 1 }\n"
                + "      ratio: { type: number, default: 0.5 }\n      flag: { type: boolean, default: false }\n"
                + "    outputs:\n      result: { file: result.txt, type: string }\n"
                + "    limits: " + limits + "\n");
    }

    private JsonNode run(String inputs) {
        return server.awaitEnd(server.submit("work", inputs));
    }

    private String result(JsonNode job) {
        return server.http().get("/jobs/" + job.path("jobID").asText() + "/results").json().path("result").asText();
    }

    private static String pid(String result) {
        return result.split(" ")[0];
    }

    @Test
    void one_worker_serves_several_jobs_with_its_heavy_import_done_once_and_typed_inputs() throws IOException {
        start("{ timeout: 30s }");
        Set<String> pids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            JsonNode done = run("{\"n\": 7, \"ratio\": 0.25, \"flag\": true}");
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("successful");
            assertThat(result(done)).endsWith(" int float True ok");
            pids.add(pid(result(done)));
        }

        assertThat(pids).hasSize(1);
        assertThat(Files.readAllLines(imports)).hasSize(1);
    }

    @Test
    void what_a_job_prints_goes_to_its_log_and_progress_arrives_live() {
        start("{ timeout: 30s }");
        String id = server.submit("work", "{\"mode\": \"wait\"}");

        await().atMost(TestServer.PATIENCE).until(() -> server.status(id).path("progress").asInt(-1) == 42);
        assertThat(server.status(id).path("message").asText()).isEqualTo("halfway there");
        writeGate();
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");
        assertThat(server.http().get("/jobs/" + id + "/log").body()).contains("a line from the job");
    }

    @Test
    void a_job_that_prints_far_more_than_a_pipe_holds_neither_blocks_its_worker_nor_grows_its_log() throws IOException {
        start("{ timeout: 30s, max-log: 64KB }");

        JsonNode first = run("{\"mode\": \"chatty\"}");
        JsonNode second = run("{\"mode\": \"chatty\"}");

        assertThat(first.path("status").asText()).isEqualTo("successful");
        assertThat(second.path("status").asText()).isEqualTo("successful");
        assertThat(pid(result(second))).isEqualTo(pid(result(first)));
        Path log = server.dataDir().resolve("jobs").resolve(second.path("jobID").asText()).resolve("log");
        assertThat(Files.size(log)).isLessThan(64 * 1024 + 200);
    }

    @Test
    void a_worker_is_replaced_after_max_jobs_per_worker() throws IOException {
        start("{ timeout: 30s, max-jobs-per-worker: 2 }");
        List<String> pids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pids.add(pid(result(run("{}"))));
        }

        assertThat(pids.get(0)).isEqualTo(pids.get(1));
        assertThat(pids.get(2)).isEqualTo(pids.get(3)).isNotEqualTo(pids.get(0));
        assertThat(Files.readAllLines(imports)).hasSize(2);
    }

    @Test
    void a_worker_that_dies_mid_job_fails_that_job_as_crashed_and_a_fresh_worker_takes_the_next() {
        start("{ timeout: 30s }");
        String first = pid(result(run("{}")));

        JsonNode crashed = run("{\"mode\": \"crash\"}");
        JsonNode next = run("{}");

        assertThat(crashed.path("status").asText()).isEqualTo("failed");
        assertThat(crashed.path("reason").asText()).isEqualTo("crashed");
        assertThat(crashed.path("message").asText()).contains("signal 9");
        assertThat(next.path("status").asText()).isEqualTo("successful");
        assertThat(pid(result(next))).isNotEqualTo(first);
        assertThat(Scripts.alive(Long.parseLong(first))).isFalse();
    }

    @Test
    void an_exception_in_the_task_fails_the_job_with_its_message_and_the_worker_serves_on() {
        start("{ timeout: 30s }");
        String before = pid(result(run("{}")));

        JsonNode failed = run("{\"mode\": \"raise\"}");
        JsonNode after = run("{}");

        assertThat(failed.path("reason").asText()).isEqualTo("exit-code");
        assertThat(failed.path("message").asText()).contains("ValueError: ratio must be below one");
        assertThat(pid(result(after))).isEqualTo(before);
    }

    @Test
    void the_time_limit_applies_to_warm_jobs_and_a_fresh_worker_follows() {
        start("{ timeout: 2s }");
        String before = pid(result(run("{}")));

        JsonNode slow = run("{\"mode\": \"sleep\"}");

        assertThat(slow.path("reason").asText()).isEqualTo("timeout");
        assertThat(pid(result(run("{}")))).isNotEqualTo(before);
    }

    @Test
    void the_memory_limit_applies_to_the_worker_during_a_job() {
        start("{ timeout: 60s, memory: 150MB }");

        JsonNode hog = run("{\"mode\": \"hog\"}");

        assertThat(hog.path("reason").asText()).isEqualTo("memory");
        assertThat(hog.path("message").asText()).contains("limit 150 MB");
        assertThat(run("{}").path("status").asText()).isEqualTo("successful");
    }

    @Test
    void cancelling_a_warm_job_stops_its_worker_and_dismisses_it() {
        start("{ timeout: 60s }");
        String id = server.submit("work", "{\"mode\": \"wait\"}");
        await().atMost(TestServer.PATIENCE).until(() -> server.status(id).path("progress").asInt(-1) == 42);

        assertThat(server.http().delete("/jobs/" + id).json().path("status").asText()).isEqualTo("dismissed");
        // a warm job's worker is recorded with its end
        long worker = server.server().store().find(new dev.sluice.store.JobId(id)).orElseThrow().worker().orElseThrow().pid();
        await().atMost(TestServer.PATIENCE).until(() -> !Scripts.alive(worker));
        assertThat(run("{}").path("status").asText()).isEqualTo("successful");
    }

    @Test
    void a_worker_that_never_says_ready_fails_the_job_after_the_startup_timeout() throws IOException {
        Files.writeString(dir.resolve("worker.py"), "import time\ntime.sleep(60)\n");
        start("{ timeout: 30s, startup-timeout: 1s }");

        JsonNode failed = run("{}");

        assertThat(failed.path("reason").asText()).isEqualTo("launch");
        assertThat(failed.path("message").asText()).contains("did not say ready within 1s (limits.startup-timeout; raise it");
    }

    @Test
    void a_worker_that_dies_at_start_fails_the_job_with_its_error_output() throws IOException {
        Files.writeString(dir.resolve("worker.py"), "import sys\nsys.stderr.write('ModuleNotFoundError: cv2\\n')\nsys.exit(1)\n");
        start("{ timeout: 30s }");

        JsonNode failed = run("{}");

        assertThat(failed.path("reason").asText()).isEqualTo("launch");
        assertThat(failed.path("message").asText()).contains("exited during start-up").contains("ModuleNotFoundError: cv2");
    }

    private void writeGate() {
        try {
            Files.writeString(gate, "go");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pyString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
