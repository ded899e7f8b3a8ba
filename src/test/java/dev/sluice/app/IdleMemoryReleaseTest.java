package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A real server that has run jobs and gone quiet gives memory back (its database's cache and, by a full collection,
 * its heap), and goes on serving: the jobs before it stay readable and new ones run.
 */
class IdleMemoryReleaseTest {

    // why: a window short enough for a test, and a budget of one whole core, since the test JVM is never as quiet as a
    // server; when it is due is QuietWatchTest's to show
    private static final IdleMemoryRelease.Settings SOON = new IdleMemoryRelease.Settings(Duration.ofMillis(50),
            Duration.ofMillis(300), 1.0, Duration.ZERO);

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(IdleMemoryRelease.class);

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void a_quiet_server_gives_memory_back_and_goes_on_serving_its_jobs() {
        try (TestServer server = TestServer.start(dir, "tasks:\n  noop:\n    command: [\"true\"]\n",
                StartOptions.DEFAULT.releasingMemory(SOON))) {
            String before = server.submit("noop", "{}");
            assertThat(server.awaitEnd(before).path("status").asText()).isEqualTo("successful");

            int released = awaitReleases(1);

            assertThat(server.status(before).path("status").asText()).isEqualTo("successful");
            String after = server.submit("noop", "{}");
            assertThat(server.awaitEnd(after).path("status").asText()).isEqualTo("successful");
            awaitReleases(released + 1);
            assertThat(server.http().get("/jobs/" + after + "/results").status()).isEqualTo(200);
        }
        assertThat(seen()).allSatisfy(line -> assertThat(line.getFormattedMessage())
                .matches("event=memory-released heap-mb-before=\\d+ heap-mb-after=\\d+ ms=\\d+"));
    }

    private int awaitReleases(int atLeast) {
        await().atMost(TestServer.PATIENCE).until(() -> releases() >= atLeast);
        return releases();
    }

    private int releases() {
        return (int) seen().stream().filter(line -> line.getFormattedMessage().startsWith("event=memory-released")).count();
    }

    // why: the server's threads append while the test reads; the appender adds each event holding its own monitor
    private java.util.List<ILoggingEvent> seen() {
        synchronized (lines) {
            return java.util.List.copyOf(lines.list);
        }
    }
}
