package dev.sluice.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A job removed by retention answers 410 Gone with a problem document saying when; its folder is gone. */
class RetentionGoneTest extends ServerFixture {

    private static final String CONFIG = "retention: { keep: 1s }\ntasks:\n  echo: { command: [echo, hi] }\n";

    @Test
    void a_removed_job_answers_410_saying_when_it_was_removed() {
        start(CONFIG);
        String id = server.submit("echo", "{}");
        Instant finished = Instant.parse(server.awaitEnd(id).path("finished").asText());
        server.close();
        await().atMost(TestServer.PATIENCE).until(() -> Instant.now().isAfter(finished.plusSeconds(2)));

        // the sweeper runs as the server starts, then every minute
        start(CONFIG);
        await().atMost(TestServer.PATIENCE).until(() -> server.http().get("/jobs/" + id).status() == 410);

        HttpTestClient.Response gone = server.http().get("/jobs/" + id);
        assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
        assertThat(gone.json().path("type").asText()).endsWith("/job-removed");
        assertThat(gone.json().path("detail").asText()).contains("retention");
        assertThat(Instant.parse(gone.json().path("removed").asText())).isAfter(finished);
        assertThat(server.http().get("/jobs/" + id + "/log").status()).isEqualTo(410);
        assertThat(server.dataDir().resolve("jobs").resolve(id)).doesNotExist();
        assertThat(server.http().get("/jobs/0123456789abcdef0123456789abcdef").status()).as("never existed").isEqualTo(404);
        assertThat(server.metrics()).contains("sluice_retention_removed_jobs_total 1.0")
                .containsPattern("sluice_retention_freed_bytes_total [0-9.E]+");
    }
}
