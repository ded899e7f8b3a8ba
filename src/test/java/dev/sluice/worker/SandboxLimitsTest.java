package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.store.JobId;
import dev.sluice.testing.Requirements;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Time limit, cancellation and memory limit stop a sandboxed job's whole tree: bwrap, its init and the job's processes. */
class SandboxLimitsTest extends ServerFixture {

    private Path app;

    @BeforeEach
    void bubblewrap_works() {
        Requirements.require(SandboxProbe.problem().isEmpty(), "bubblewrap does not work here: " + SandboxProbe.problem().orElse(""));
        app = dir.resolve("app");
    }

    /** A job whose child ignores SIGTERM; it says it started by a file in its own out/. */
    private void startStubborn(String limits) {
        Scripts.write(app, "stubborn.sh", "trap '' TERM\nwhile true; do sleep 1; done");
        Scripts.write(app, "tree.sh", "bash \"" + app.resolve("stubborn.sh") + "\" &\ntouch \"$SLUICE_OUT/started\"\nwait");
        start("tasks:\n  t:\n    command: [bash, \"" + app.resolve("tree.sh") + "\"]\n"
                + "    sandbox: { bind: [\"" + app + "\"] }\n    limits: " + limits + "\n");
    }

    private JobId running(String id) {
        JobId job = JobId.parse(id).orElseThrow();
        await().atMost(TestServer.PATIENCE).until(() -> Files.exists(JobFolder.allIn(server.dataDir()).resolve(id).resolve("out/started")));
        return job;
    }

    private static long processesOf(JobId job) {
        return ProcessTree.members(Optional.empty(), Optional.of(job)).size();
    }

    @Test
    void the_marker_finds_bwrap_and_every_process_inside_the_sandbox() {
        startStubborn("{ kill-grace: 500ms }");
        JobId job = running(server.submit("t", "{}"));

        // why: bwrap, bwrap's init in the new pid namespace, the job's bash, its child and the child's sleep
        assertThat(processesOf(job)).isGreaterThanOrEqualTo(4);
        assertThat(ProcessTree.members(Optional.empty(), Optional.of(job)))
                .anyMatch(p -> p.info().command().orElse("").endsWith("bwrap"));
        server.http().delete("/jobs/" + job.value());
    }

    @Test
    void a_timeout_kills_the_whole_sandboxed_tree_including_a_child_that_ignores_sigterm() {
        startStubborn("{ timeout: 2s, kill-grace: 500ms }");
        String id = server.submit("t", "{}");
        JobId job = running(id);

        JsonNode done = server.awaitEnd(id);

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("reason").asText()).isEqualTo("timeout");
        await().atMost(TestServer.PATIENCE).until(() -> processesOf(job) == 0);
    }

    @Test
    void cancelling_a_sandboxed_job_kills_its_tree_and_dismisses_it() {
        startStubborn("{ kill-grace: 500ms }");
        String id = server.submit("t", "{}");
        JobId job = running(id);

        assertThat(server.http().delete("/jobs/" + id).json().path("status").asText()).isEqualTo("dismissed");

        await().atMost(TestServer.PATIENCE).until(() -> processesOf(job) == 0);
    }

    @Test
    void a_sandboxed_job_past_its_memory_limit_fails_with_reason_memory() throws IOException {
        Files.createDirectories(app);
        Files.writeString(app.resolve("hog.py"), "import time\nheld = []\n"
                + "for i in range(100):\n    held.append(b'x' * (20 << 20))\n    time.sleep(0.05)\n");
        start("tasks:\n  hog:\n    command: [python3, \"" + app.resolve("hog.py") + "\"]\n"
                + "    sandbox: { bind: [\"" + app + "\"] }\n    limits: { memory: 100MB }\n");
        String id = server.submit("hog", "{}");

        JsonNode killed = server.awaitEnd(id);

        assertThat(killed.path("reason").asText()).as(killed.toString()).isEqualTo("memory");
        await().atMost(TestServer.PATIENCE).until(() -> processesOf(JobId.parse(id).orElseThrow()) == 0);
    }
}
