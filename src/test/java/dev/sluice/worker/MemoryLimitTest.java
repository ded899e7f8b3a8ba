package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Python processes that allocate memory: the job's whole tree is watched, and killed past its limit. */
class MemoryLimitTest {

    @TempDir
    Path dir;

    /** A Python program that allocates 20 MB every 50 ms, touching every page, until it has 2 GB. */
    private Path hog(String name, String preamble) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, preamble + "\nimport time\nheld = []\n"
                + "for i in range(100):\n    held.append(b'x' * (20 << 20))\n    time.sleep(0.05)\n");
        return file;
    }

    @Test
    void a_job_that_climbs_past_its_limit_fails_with_reason_memory_while_a_sibling_under_its_limit_survives() throws IOException {
        Path hog = hog("hog.py", "");
        Path gate = dir.resolve("gate");
        Path modest = dir.resolve("modest.py");
        Files.writeString(modest, "import os, time\nheld = b'x' * (40 << 20)\n"
                + "while not os.path.exists('" + gate + "'):\n    time.sleep(0.05)\n");
        try (TestServer server = TestServer.start(dir, "tasks:\n"
                + "  hog:\n    command: [python3, \"" + hog + "\"]\n    queue: pair\n    limits: { memory: 100MB }\n"
                + "  modest:\n    command: [python3, \"" + modest + "\"]\n    queue: pair\n    limits: { memory: 200MB }\n"
                + "queues:\n  pair: { concurrency: 2 }\n")) {
            String sibling = server.submit("modest", "{}");
            server.awaitStatus(sibling, "running");
            String greedy = server.submit("hog", "{}");

            JsonNode killed = server.awaitEnd(greedy);

            assertThat(killed.path("status").asText()).isEqualTo("failed");
            assertThat(killed.path("reason").asText()).isEqualTo("memory");
            assertThat(killed.path("message").asText()).matches("used [0-9.]+ [MG]B, limit 100 MB; .*raise limits.memory");
            // why: how far past the limit it got depends on scheduling; the sampling rate itself is pinned below
            assertThat(killed.path("peakMemory").asLong()).isGreaterThan(100L << 20);
            assertThat(server.status(sibling).path("status").asText()).isEqualTo("running");
            Files.writeString(gate, "go");
            JsonNode survived = server.awaitEnd(sibling);
            assertThat(survived.path("status").asText()).isEqualTo("successful");
            assertThat(survived.path("peakMemory").asLong()).isGreaterThan(40L << 20).isLessThan(200L << 20);
        }
    }

    @Test
    void memory_of_a_grandchild_counts_and_the_grandchild_is_killed() throws IOException {
        Path hog = hog("grandchild.py", "import os\nopen('" + dir.resolve("grandchild.pid") + "', 'w').write(str(os.getpid()))");
        Path parent = Scripts.write(dir, "parent.sh", "python3 \"" + hog + "\" &\nwait");
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: " + Scripts.command(parent)
                + "\n    limits: { memory: 120MB }\n")) {
            JsonNode killed = server.awaitEnd(server.submit("t", "{}"));

            assertThat(killed.path("reason").asText()).isEqualTo("memory");
            long grandchild = Scripts.pidIn(dir.resolve("grandchild.pid"));
            await().atMost(TestServer.PATIENCE).until(() -> !Scripts.alive(grandchild));
        }
    }

    @Test
    void a_job_that_ignores_sigterm_is_still_stopped_at_its_memory_limit() throws IOException {
        Path hog = hog("stubborn.py", "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)");
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: [python3, \"" + hog + "\"]\n"
                + "    limits: { memory: 100MB, kill-grace: 10m }\n")) {
            JsonNode killed = server.awaitEnd(server.submit("t", "{}"));

            assertThat(killed.path("reason").asText()).isEqualTo("memory");
        }
    }

    @Test
    void a_memory_limit_above_the_node_budget_is_refused_at_start() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.config(dir,
                "node: { memory-budget: 1GB }\ntasks:\n  t:\n    command: [true]\n    limits: { memory: 2GB }\n"))
                .hasMessageContaining("tasks.t.limits.memory: 2 GB is more than node.memory-budget (1 GB)");
    }

    @Test
    void the_sampling_interval_catches_a_climb_of_one_gigabyte_per_second_before_it_doubles_the_limit() {
        for (String limit : new String[] {"20MB", "100MB", "1GB", "8GB"}) {
            long bytes = dev.sluice.config.DataSize.parse(limit).bytes();
            long climbedPerInterval = MemoryWatch.intervalFor(dev.sluice.config.DataSize.parse(limit)).toNanos() * (1L << 30) / 1_000_000_000L;
            assertThat(climbedPerInterval).as(limit).isLessThanOrEqualTo(Math.max(bytes, (1L << 30) / 100));
        }
    }
}
