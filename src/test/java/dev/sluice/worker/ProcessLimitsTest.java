package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time limits, cancellation and concurrency: the process tree of a job is stopped whole, and queues are never exceeded. */
class ProcessLimitsTest extends ServerFixture {

    /** A job whose child forks a grandchild that ignores SIGTERM, both writing their pids. */
    private Path stubbornTree() {
        Scripts.write(dir, "stubborn.sh", "trap '' TERM\necho $$ > \"" + dir.resolve("grandchild.pid") + "\"\n"
                + "while true; do sleep 1; done");
        return Scripts.write(dir, "tree.sh", "echo $$ > \"" + dir.resolve("child.pid") + "\"\n"
                + "bash \"" + dir.resolve("stubborn.sh") + "\" &\nwait");
    }

    @Test
    void a_timeout_kills_the_whole_tree_including_a_grandchild_that_ignores_sigterm() {
        Path tree = stubbornTree();
        server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(tree)
                + "\n    limits: { timeout: 2s, kill-grace: 500ms }\n");
        String id = server.submit("t", "{}");
        await().atMost(TestServer.PATIENCE).until(() -> Files.exists(dir.resolve("grandchild.pid")));
        long child = Scripts.pidIn(dir.resolve("child.pid"));
        long grandchild = Scripts.pidIn(dir.resolve("grandchild.pid"));

        JsonNode done = server.awaitEnd(id);

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("reason").asText()).isEqualTo("timeout");
        assertThat(done.path("message").asText()).contains("2s");
        await().atMost(TestServer.PATIENCE).until(() -> !Scripts.alive(child) && !Scripts.alive(grandchild));
    }

    @Test
    void cancelling_a_running_job_kills_its_tree_and_dismisses_it() {
        Path tree = stubbornTree();
        server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(tree)
                + "\n    limits: { kill-grace: 500ms }\n");
        String id = server.submit("t", "{}");
        await().atMost(TestServer.PATIENCE).until(() -> Files.exists(dir.resolve("grandchild.pid")));
        long child = Scripts.pidIn(dir.resolve("child.pid"));
        long grandchild = Scripts.pidIn(dir.resolve("grandchild.pid"));

        var response = server.http().delete("/jobs/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("dismissed");
        assertThat(server.status(id).path("status").asText()).isEqualTo("dismissed");
        await().atMost(TestServer.PATIENCE).until(() -> !Scripts.alive(child) && !Scripts.alive(grandchild));
    }

    @Test
    void cancelling_a_queued_job_dismisses_it_before_it_starts() {
        Path gate = dir.resolve("gate");
        Path blocker = Scripts.write(dir, "block.sh", "while [ ! -f \"" + gate + "\" ]; do sleep 0.05; done");
        Path marker = Scripts.write(dir, "mark.sh", "touch \"" + dir.resolve("second-ran") + "\"");
        server = TestServer.start(dir, "tasks:\n  block:\n    command: " + Scripts.command(blocker)
                + "\n  mark:\n    command: " + Scripts.command(marker) + "\n");
        String first = server.submit("block", "{}");
        server.awaitStatus(first, "running");
        String second = server.submit("mark", "{}");
        assertThat(server.status(second).path("queuePosition").asInt()).isEqualTo(1);

        assertThat(server.http().delete("/jobs/" + second).json().path("status").asText()).isEqualTo("dismissed");
        writeGate(gate);
        server.awaitEnd(first);
        assertThat(server.status(second).path("status").asText()).isEqualTo("dismissed");
        assertThat(dir.resolve("second-ran")).doesNotExist();
    }

    @Test
    void a_queue_of_concurrency_one_never_runs_two_jobs_at_once() {
        Path lock = dir.resolve("lock");
        Path overlap = dir.resolve("overlap");
        Path script = Scripts.write(dir, "exclusive.sh", "if ! mkdir \"" + lock + "\" 2>/dev/null; then touch \"" + overlap + "\"; fi\n"
                + "sleep 0.2\nrmdir \"" + lock + "\" 2>/dev/null || true");
        server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(script) + "\n");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(server.submit("t", "{}"));
        }
        ids.forEach(server::awaitEnd);

        assertThat(overlap).doesNotExist();
        List<Job> jobs = new ArrayList<>(ids.stream().map(id -> server.server().store().find(new JobId(id)).orElseThrow()).toList());
        jobs.sort(Comparator.comparing(j -> j.started().orElseThrow()));
        for (int i = 1; i < jobs.size(); i++) {
            assertThat(jobs.get(i).started().orElseThrow()).isAfterOrEqualTo(jobs.get(i - 1).finished().orElseThrow());
        }
        assertThat(jobs).extracting(Job::id).containsExactlyElementsOf(ids.stream().map(JobId::new).toList());
    }

    @Test
    void a_queue_of_concurrency_two_runs_two_jobs_at_once() {
        Path gate = dir.resolve("gate");
        Path script = Scripts.write(dir, "wait.sh", "while [ ! -f \"" + gate + "\" ]; do sleep 0.05; done");
        server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(script)
                + "\n    queue: pair\nqueues:\n  pair: { concurrency: 2 }\n");
        String a = server.submit("t", "{}");
        String b = server.submit("t", "{}");
        String c = server.submit("t", "{}");

        server.awaitStatus(a, "running");
        server.awaitStatus(b, "running");
        assertThat(server.status(c).path("status").asText()).isEqualTo("accepted");
        writeGate(gate);
        server.awaitEnd(c);
    }

    private static void writeGate(Path gate) {
        try {
            Files.writeString(gate, "go");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
