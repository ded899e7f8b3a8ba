package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.PostgresJobStore;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream on one node follows a job that another node runs: here the other node is a second store on the server's
 * PostgreSQL database, as a second server would be, changing a job in a queue this server does not serve.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RemoteJobEventStreamTest {

    private static final String TASKS = "tasks:\n  echo:\n    command: [echo, \"{word}\"]\n    inputs:\n      word: { type: string }\n";

    @TempDir
    Path dir;

    @Test
    void a_stream_shows_the_state_changes_and_progress_of_a_job_another_node_runs() throws Exception {
        try (TestServer server = TestServer.start(dir, TASKS, Map.of("SLUICE_STORAGE_DATABASE", TestServer.postgresFor(dir)));
             JobStore otherNode = PostgresJobStore.open(PostgresServer.shared().databaseFor(dir), Clock.systemUTC())) {
            Job job = otherNode.insert(new NewJob(JobId.random(), "echo", "elsewhere", Map.of("word", "hi"), 0));

            try (EventStreamClient stream = EventStreamClient.open(server.server().port(), "/jobs/" + job.id().value() + "/events", null)) {
                EventStreamClient.Event snapshot = stream.nextEvent();
                assertThat(json(snapshot).path("status").asText()).isEqualTo("accepted");
                assertThat(stream.nextEvent().name()).isEqualTo("log-tail");

                // why: each change waits for the last to show, as a real job's do; a change read after the next one
                // committed shows the job as it is by then, so the running state may show again, with its progress
                otherNode.claimNext("elsewhere");
                EventStreamClient.Event running = stream.nextEvent();
                assertThat(running.name()).isEqualTo("state");
                assertThat(json(running).path("status").asText()).isEqualTo("running");

                otherNode.updateProgress(job.id(), 50, "half way");
                EventStreamClient.Event progress = nextPastRunning(stream);
                assertThat(progress.name()).isEqualTo("progress");
                assertThat(json(progress).path("progress").asInt()).isEqualTo(50);
                assertThat(json(progress).path("message").asText()).isEqualTo("half way");

                otherNode.finish(job.id(), JobState.RUNNING, new JobOutcome.Succeeded("done"));
                EventStreamClient.Event ended = nextPastRunning(stream);
                assertThat(json(ended).path("status").asText()).isEqualTo("successful");
                assertThat(stream.nextEvent()).as("the stream ends with the job").isNull();
            }
        }
    }

    /** The next event that is not the running state again. */
    private static EventStreamClient.Event nextPastRunning(EventStreamClient stream) throws java.io.IOException {
        for (EventStreamClient.Event event; (event = stream.nextEvent()) != null; ) {
            if (!event.name().equals("state") || !json(event).path("status").asText().equals("running")) {
                return event;
            }
        }
        throw new AssertionError("the stream ended");
    }

    private static JsonNode json(EventStreamClient.Event event) {
        return TestServer.parse(event.data());
    }
}
