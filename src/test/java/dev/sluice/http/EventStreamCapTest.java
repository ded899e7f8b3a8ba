package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One client, or one job, cannot hold the server's connections with event streams kept alive forever. */
class EventStreamCapTest {

    private static final int CAP = 10;

    @TempDir
    Path dir;

    private TestServer server;
    private final List<EventStreamClient> streams = new ArrayList<>();

    @BeforeEach
    void start() {
        Path slow = Scripts.write(dir, "slow.sh", "sleep 300");
        // why: with 40 connections the caps are 20 streams in all, 10 per job and 10 per client
        server = TestServer.start(dir, "tasks:\n  slow:\n    command: " + Scripts.command(slow) + "\n    limits: { kill-grace: 100ms }\n",
                Map.of("SLUICE_SERVER_KEEP_ALIVE", "200ms", "SLUICE_SERVER_MAX_CONNECTIONS", "40"));
    }

    @AfterEach
    void stop() throws IOException {
        for (EventStreamClient stream : streams) {
            stream.close();
        }
        server.close();
    }

    @Test
    void one_anonymous_client_gets_a_clear_refusal_past_its_share_and_bystanders_are_served() throws IOException {
        String first = server.submit("slow", "{}");
        String second = server.submit("slow", "{}");

        for (int i = 0; i < CAP; i++) {
            assertThat(open(i % 2 == 0 ? first : second, "").status()).as("stream %d", i).isEqualTo(200);
        }
        EventStreamClient refused = open(first, "");

        HostileInputs.tried("too-many-connections");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(server.http().get("/health").status()).isEqualTo(200);
        assertThat(server.http().get("/jobs/" + first).status()).isEqualTo(200);
    }

    @Test
    void one_job_gets_at_most_its_share_of_streams_whoever_opens_them() throws IOException {
        String job = server.submit("slow", "{}");

        for (int i = 0; i < CAP; i++) {
            assertThat(open(job, cookieOfNewSubmitter()).status()).as("stream %d", i).isEqualTo(200);
        }
        EventStreamClient refused = open(job, cookieOfNewSubmitter());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void streams_in_all_take_at_most_half_the_connections() throws IOException {
        List<String> jobs = List.of(server.submit("slow", "{}"), server.submit("slow", "{}"), server.submit("slow", "{}"));

        for (int i = 0; i < 2 * CAP; i++) {
            assertThat(open(jobs.get(i % 2), cookieOfNewSubmitter()).status()).as("stream %d", i).isEqualTo(200);
        }
        EventStreamClient refused = open(jobs.get(2), cookieOfNewSubmitter());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(server.http().get("/health").status()).isEqualTo(200);
    }

    @Test
    void a_closed_stream_gives_its_slot_back() throws IOException {
        String job = server.submit("slow", "{}");
        for (int i = 0; i < CAP; i++) {
            assertThat(open(job, "").status()).isEqualTo(200);
        }
        streams.removeFirst().close();

        org.awaitility.Awaitility.await().atMost(TestServer.PATIENCE).until(() -> {
            EventStreamClient again = open(job, "");
            return again.status() == 200;
        });
    }

    private EventStreamClient open(String job, String headers) throws IOException {
        EventStreamClient stream = EventStreamClient.openWith(server.server().port(), "/jobs/" + job + "/events", headers);
        streams.add(stream);
        return stream;
    }

    private String cookieOfNewSubmitter() {
        HttpTestClient.Response r = new HttpTestClient(server.http().base()).postJson("/processes/slow/execution", "{}");
        return "Cookie: " + r.header("Set-Cookie").split(";")[0] + "\r\n";
    }
}
