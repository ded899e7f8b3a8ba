package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL database and data folder: the event stream of a node that does not run a job shows the
 * job's live progress and its end, which reach it from the node that runs it (LISTEN/NOTIFY).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresRemoteProgressTest {

    private static final String TASKS = "tasks:\n  echo:\n    command: [echo, hi]\n";

    @TempDir
    Path dir;

    @Test
    void a_stream_on_one_node_shows_the_live_progress_of_a_job_running_on_another() throws Exception {
        String database = TestServer.postgresFor(dir);
        Path gate = dir.resolve("gate");
        Path script = Scripts.write(dir.resolve("scripts"), "steps.sh", "echo '::progress 10 started'\n"
                + "while [ ! -e \"" + gate + "\" ]; do sleep 0.05; done\necho '::progress 60 past the gate'\n"
                + "while [ ! -e \"" + gate + ".2\" ]; do sleep 0.05; done\necho finished\n");
        String tasks = TASKS + "  steps:\n    command: [\"" + script + "\"]\n";
        try (TestServer runner = TestServer.start(dir, tasks, Map.of("SLUICE_STORAGE_DATABASE", database, "SLUICE_NODE_NAME", "runner"))) {
            String id = runner.submit("steps", "{}");
            runner.awaitStatus(id, "running");
            try (TestServer watcher = TestServer.start(dir, tasks, Map.of("SLUICE_STORAGE_DATABASE", database, "SLUICE_NODE_NAME",
                    "watcher"));
                 EventStreamClient stream = EventStreamClient.open(watcher.server().port(),
                         "/jobs/" + id + "/events", null)) {
                assertThat(TestServer.parse(stream.nextEvent().data()).path("status").asText()).isEqualTo("running");

                Files.createFile(gate);
                JsonNode progress = nextProgress(stream);
                assertThat(progress.path("progress").asInt()).isEqualTo(60);
                assertThat(progress.path("message").asText()).isEqualTo("past the gate");

                Files.createFile(dir.resolve("gate.2"));
                for (EventStreamClient.Event event; (event = stream.nextEvent()) != null; ) {
                    if (event.name().equals("state") && TestServer.parse(event.data()).path("status").asText().equals("successful")) {
                        return;
                    }
                }
                throw new AssertionError("the watcher's stream ended without the job's success");
            }
        }
    }

    private static JsonNode nextProgress(EventStreamClient stream) throws java.io.IOException {
        for (EventStreamClient.Event event; (event = stream.nextEvent()) != null; ) {
            if (event.name().equals("progress") && TestServer.parse(event.data()).path("progress").asInt() >= 60) {
                return TestServer.parse(event.data());
            }
        }
        throw new AssertionError("the stream ended before the progress past the gate");
    }

}
