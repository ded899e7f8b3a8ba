package dev.sluice.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A queue's `max-wait`: a job that waited longer without starting is dismissed as expired; the running one is not. */
class QueueExpiryTest extends ServerFixture {

    @Test
    void a_job_that_waits_past_max_wait_is_dismissed_with_reason_expired() throws Exception {
        Path gate = dir.resolve("release");
        Path blocker = Scripts.write(dir, "blocker.sh", "while [ ! -f \"" + gate + "\" ]; do sleep 0.05; done");
        start("""
                queues:
                  default: { concurrency: 1, max-wait: 1s }
                tasks:
                  blocker:
                    command: %s
                  quick:
                    command: ["true"]
                """.formatted(Scripts.command(blocker)));
        String running = server.submit("blocker", "{}");
        server.awaitStatus(running, "running");

        String waiting = server.submit("quick", "{}");
        JsonNode expired = server.awaitStatus(waiting, "dismissed");

        assertThat(expired.path("reason").asText()).isEqualTo("expired");
        assertThat(expired.path("message").asText()).contains("max-wait (1s)", "default");
        assertThat(server.status(running).path("status").asText()).isEqualTo("running");
        Files.writeString(gate, "go");
        assertThat(server.awaitEnd(running).path("status").asText()).isEqualTo("successful");
        assertThat(server.awaitEnd(server.submit("quick", "{}")).path("status").asText()).as("a job that starts in time")
                .isEqualTo("successful");
    }
}
