package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Status documents of waiting jobs carry their position and an estimated start and finish. */
class QueueEstimateDocumentTest extends ServerFixture {

    private Path release;

    @AfterEach
    void openTheGate() throws IOException {
        Files.writeString(release, "go");
    }

    @Test
    void a_waiting_job_has_a_position_and_an_estimated_start_and_finish_once_its_task_has_run() {
        release = dir.resolve("release");
        Path gate = Scripts.write(dir.resolve("scripts"), "gate.sh", "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        start("""
                tasks:
                  quick: { command: [true] }
                  gate: { command: %s }
                """.formatted(Scripts.command(gate)));
        server.awaitEnd(server.submit("quick", "{}"));
        String gateJob = server.submit("gate", "{}");
        server.awaitStatus(gateJob, "running");

        String waiting = server.submit("quick", "{}");

        JsonNode doc = server.status(waiting);
        assertThat(doc.path("queuePosition").asInt()).isEqualTo(1);
        // gate has never finished, so nothing says when it will: no estimate rather than a wrong one
        assertThat(doc.has("estimatedStart")).isFalse();
        assertThat(server.status(gateJob).has("estimatedFinish")).isFalse();

    }

    @Test
    void estimates_come_from_the_recent_runs_of_the_tasks_ahead() {
        release = dir.resolve("release");
        Path hold = Scripts.write(dir.resolve("scripts"), "hold.sh", "[ \"$1\" = wait ] && while [ ! -e \"" + release
                + "\" ]; do sleep 0.05; done; exit 0");
        start("""
                tasks:
                  hold:
                    command: %s
                    inputs:
                      mode: { type: string, default: quick }
                """.formatted(Scripts.command(hold, "{mode}")));
        server.awaitEnd(server.submit("hold", "{}"));
        server.awaitEnd(server.submit("hold", "{}"));
        String running = server.submit("hold", "{\"mode\": \"wait\"}");
        server.awaitStatus(running, "running");

        String waiting = server.submit("hold", "{}");

        JsonNode[] doc = new JsonNode[1];
        await().atMost(TestServer.PATIENCE).until(() -> (doc[0] = server.status(waiting)).has("estimatedFinish"));
        Instant start = Instant.parse(doc[0].path("estimatedStart").asText());
        Instant finish = Instant.parse(doc[0].path("estimatedFinish").asText());
        assertThat(doc[0].path("queuePosition").asInt()).isEqualTo(1);
        assertThat(finish).isAfterOrEqualTo(start);
        assertThat(start).isBefore(Instant.now().plusSeconds(60));
        assertThat(server.status(running).has("estimatedFinish")).isTrue();
    }
}
