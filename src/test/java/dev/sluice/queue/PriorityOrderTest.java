package dev.sluice.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Through the real server: a busy queue starts its waiting jobs by task priority, and says so in their positions. */
class PriorityOrderTest extends ServerFixture {

    private Path release;

    @AfterEach
    void openTheGate() throws IOException {
        Files.writeString(release, "go");
    }

    @Test
    void waiting_jobs_start_by_priority_then_submission_order_and_their_positions_say_so() throws IOException {
        release = dir.resolve("release");
        Path ran = dir.resolve("ran.txt");
        Path gate = Scripts.write(dir.resolve("scripts"), "gate.sh", "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        Path record = Scripts.write(dir.resolve("scripts"), "record.sh", "echo \"$1\" >> \"" + ran + "\"");
        start("""
                tasks:
                  gate: { command: %s, priority: 100 }
                  low:
                    command: %s
                    inputs: { label: { type: string } }
                  high:
                    command: %s
                    priority: 5
                    inputs: { label: { type: string } }
                """.formatted(Scripts.command(gate), Scripts.command(record, "{label}"), Scripts.command(record, "{label}")));
        String gateJob = server.submit("gate", "{}");
        server.awaitStatus(gateJob, "running");

        String low1 = server.submit("low", "{\"label\": \"low1\"}");
        String high1 = server.submit("high", "{\"label\": \"high1\"}");
        String low2 = server.submit("low", "{\"label\": \"low2\"}");
        String high2 = server.submit("high", "{\"label\": \"high2\"}");

        List<Integer> positions = List.of(high1, high2, low1, low2).stream()
                .map(job -> server.status(job).path("queuePosition").asInt()).toList();
        assertThat(positions).containsExactly(1, 2, 3, 4);
        Files.writeString(release, "go");
        List.of(low1, high1, low2, high2).forEach(server::awaitEnd);
        assertThat(Files.readAllLines(ran)).containsExactly("high1", "high2", "low1", "low2");
    }
}
