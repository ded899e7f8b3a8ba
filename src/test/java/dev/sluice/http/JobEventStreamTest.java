package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `GET /jobs/{id}/events`: snapshots, live events, Last-Event-ID resume, keep-alive and the end of the stream. */
class JobEventStreamTest extends ServerFixture {

    private Path control;

    @BeforeEach
    void startServer() throws IOException {
        control = Files.createDirectories(dir.resolve("control"));
        // talk.sh prints "line N" and reports progress each time the test creates say-N, and ends on release
        Path talk = Scripts.write(dir.resolve("scripts"), "talk.sh", """
                n=0
                while [ ! -e "$1/release" ]; do
                  if [ -e "$1/say-$((n+1))" ]; then n=$((n+1)); echo "line $n"; echo "::progress $((n*10)) step $n"; fi
                  sleep 0.02
                done
                echo bye""");
        // twice.sh fails its first attempt after a long line, and in its retry prints a short one when told
        Path twice = Scripts.write(dir.resolve("scripts"), "twice.sh", """
                if [ ! -e "$1/first-ran" ]; then
                  : > "$1/first-ran"
                  echo "the first attempt printed this long line"
                  while [ ! -e "$1/fail" ]; do sleep 0.02; done
                  exit 1
                fi
                while [ ! -e "$1/again" ]; do sleep 0.02; done
                echo again""");
        server = TestServer.start(dir, """
                tasks:
                  talk:
                    command: %s
                  twice:
                    command: %s
                    retries: 1
                  noop:
                    command: ["true"]
                    queue: other
                queues:
                  other: { concurrency: 1 }
                """.formatted(Scripts.command(talk, control.toString()), Scripts.command(twice, control.toString())), Map.of("SLUICE_SERVER_KEEP_ALIVE", "300ms"));
    }

    @AfterEach
    void release() throws IOException {
        Files.createDirectories(control);
        Files.writeString(control.resolve("release"), "go");
    }

    @Test
    void a_new_watcher_gets_a_snapshot_then_live_progress_and_log_lines() throws Exception {
        String id = runningTalk();
        say(1);
        awaitLog(id, "line 1");

        try (EventStreamClient stream = open(id, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            EventStreamClient.Event state = stream.nextEvent();
            assertThat(state.name()).isEqualTo("state");
            assertThat(json(state).path("status").asText()).isEqualTo("running");
            EventStreamClient.Event tail = stream.nextEvent();
            assertThat(tail.name()).isEqualTo("log-tail");
            assertThat(json(tail).path("lines").toString()).contains("line 1");

            say(2);

            List<EventStreamClient.Event> live = eventsUntil(stream, "log", "line 2");
            assertThat(live).extracting(EventStreamClient.Event::name).contains("log");
            EventStreamClient.Event progress = nextNamed(stream, "progress");
            assertThat(json(progress).path("progress").asInt()).isEqualTo(20);
            assertThat(json(progress).path("message").asText()).isEqualTo("step 2");
        }
    }

    @Test
    void a_watcher_whose_snapshot_read_the_first_attempts_log_hears_the_lines_of_the_retry() throws Exception {
        String id = server.submit("twice", "{}");
        awaitLog(id, "the first attempt printed this long line");
        try (EventStreamClient stream = open(id, null)) {
            stream.nextEvent();
            assertThat(json(stream.nextEvent()).path("lines").toString()).contains("the first attempt printed this long line");

            Files.writeString(control.resolve("fail"), "");
            await().atMost(TestServer.PATIENCE).until(() -> server.status(id).path("attempts").asInt() == 2
                    && server.status(id).path("status").asText().equals("running"));
            Files.writeString(control.resolve("again"), "");

            // why: the retry's log follows the first attempt's in the same file, so its short line lies past the snapshot
            assertThat(eventsUntil(stream, "log", "again")).isNotEmpty();
        }
    }

    @Test
    void a_watcher_that_reconnects_with_last_event_id_gets_exactly_what_it_missed() throws Exception {
        String id = runningTalk();
        String lastSeen;
        try (EventStreamClient stream = open(id, null)) {
            stream.nextEvent();
            stream.nextEvent();
            say(1);
            lastSeen = eventsUntil(stream, "log", "line 1").getLast().id();
        }
        say(2);
        say(3);
        awaitLog(id, "line 3");

        try (EventStreamClient resumed = open(id, lastSeen)) {
            List<String> lines = new ArrayList<>();
            EventStreamClient.Event first = resumed.nextEvent();
            assertThat(first.name()).as("no snapshot on a resume").isNotIn("state", "log-tail");
            assertThat(Long.parseLong(first.id())).isGreaterThan(Long.parseLong(lastSeen));
            for (EventStreamClient.Event e = first; lines.size() < 2; e = resumed.nextEvent()) {
                if (e.name().equals("log")) {
                    lines.add(json(e).path("line").asText());
                }
            }
            assertThat(lines).containsExactly("::progress 10 step 1", "line 2").doesNotContain("line 1");
        }
    }

    @Test
    void a_last_event_id_the_server_no_longer_holds_gets_a_fresh_snapshot() throws Exception {
        String id = runningTalk();

        try (EventStreamClient stream = open(id, "12345")) {
            assertThat(stream.nextEvent().name()).isEqualTo("state");
            assertThat(stream.nextEvent().name()).isEqualTo("log-tail");
        }
    }

    @Test
    void a_quiet_stream_gets_keep_alive_comments() throws Exception {
        String id = runningTalk();
        try (EventStreamClient stream = open(id, null)) {
            stream.nextEvent();
            stream.nextEvent();

            EventStreamClient.Event quiet = stream.next();

            assertThat(quiet.isComment()).isTrue();
            assertThat(quiet.comment()).isEqualTo("keep-alive");
        }
    }

    @Test
    void the_stream_ends_after_the_final_state() throws Exception {
        String id = runningTalk();
        try (EventStreamClient stream = open(id, null)) {
            stream.nextEvent();
            stream.nextEvent();

            Files.writeString(control.resolve("release"), "go");

            EventStreamClient.Event end = nextNamed(stream, "state");
            assertThat(json(end).path("status").asText()).isEqualTo("successful");
            assertThat(stream.endsWithin(5000)).as("closed after the final state").isTrue();
        }
    }

    @Test
    void a_finished_job_sends_its_final_state_and_log_and_closes_whatever_id_is_given() throws Exception {
        String id = runningTalk();
        say(1);
        awaitLog(id, "line 1");
        Files.writeString(control.resolve("release"), "go");
        server.awaitEnd(id);

        for (String lastId : new String[] {null, "1"}) {
            try (EventStreamClient stream = open(id, lastId)) {
                EventStreamClient.Event state = stream.nextEvent();
                assertThat(json(state).path("status").asText()).isEqualTo("successful");
                assertThat(json(stream.nextEvent()).path("lines").toString()).contains("line 1", "bye");
                assertThat(stream.endsWithin(5000)).isTrue();
            }
        }
    }

    @Test
    void a_hundred_open_streams_hold_no_platform_thread_each_and_all_hear_the_next_line() throws Exception {
        String id = runningTalk();
        // why: a client may open 10 streams, so ten submitters (each with its own token) open ten each
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cookies.add(new dev.sluice.testing.HttpTestClient(server.http().base()).postJson("/processes/noop/execution", "{}")
                    .header("Set-Cookie").split(";")[0]);
        }
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<EventStreamClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                EventStreamClient stream = EventStreamClient.openWith(server.server().port(), "/jobs/" + id + "/events",
                        "Cookie: " + cookies.get(i % cookies.size()) + "\r\n");
                streams.add(stream);
                assertThat(stream.nextEvent().name()).isEqualTo("state");
                assertThat(stream.nextEvent().name()).isEqualTo("log-tail");
            }
            // why: ThreadMXBean counts platform threads only; a stream waiting on a virtual thread adds none
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore).isLessThan(50);

            say(1);

            for (EventStreamClient stream : streams) {
                eventsUntil(stream, "log", "line 1");
            }
        } finally {
            for (EventStreamClient stream : streams) {
                stream.close();
            }
        }
    }

    @Test
    void an_unknown_job_has_no_stream_but_a_problem_document() {
        var response = server.http().get("/jobs/0123456789abcdef0123456789abcdef/events");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    // ---- helpers

    private String runningTalk() {
        String id = server.submit("talk", "{}");
        server.awaitStatus(id, "running");
        return id;
    }

    private void say(int n) throws IOException {
        Files.createDirectories(control);
        Files.writeString(control.resolve("say-" + n), "");
    }

    private void awaitLog(String id, String text) {
        await().atMost(TestServer.PATIENCE).until(() -> server.http().get("/jobs/" + id + "/log").body().contains(text));
    }

    private EventStreamClient open(String id, String lastEventId) throws IOException {
        return EventStreamClient.open(server.server().port(), "/jobs/" + id + "/events", lastEventId);
    }

    private static List<EventStreamClient.Event> eventsUntil(EventStreamClient stream, String name, String line) throws IOException {
        List<EventStreamClient.Event> seen = new ArrayList<>();
        for (EventStreamClient.Event e; (e = stream.nextEvent()) != null; ) {
            seen.add(e);
            if (e.name().equals(name) && json(e).path("line").asText().equals(line)) {
                return seen;
            }
        }
        throw new AssertionError("the stream ended before " + name + " '" + line + "': " + seen);
    }

    private static EventStreamClient.Event nextNamed(EventStreamClient stream, String name) throws IOException {
        for (EventStreamClient.Event e; (e = stream.nextEvent()) != null; ) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("the stream ended before a " + name + " event");
    }

    private static JsonNode json(EventStreamClient.Event event) {
        return TestServer.parse(event.data());
    }
}
