package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus server scrapes `GET /metrics` every second and answers queries about Sluice's series. */
class PrometheusScrapeTest {

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void a_real_prometheus_scrapes_the_server_and_answers_a_query_about_its_jobs() throws Exception {
        Path prometheusBinary = PrometheusTools.require("prometheus");
        Path ok = Scripts.write(dir.resolve("scripts"), "ok.sh", "echo done");
        try (TestServer server = TestServer.start(dir, "tasks:\n  ok: { command: " + Scripts.command(ok) + " }\n")) {
            server.awaitEnd(server.submit("ok", "{}"));
            int port = PrometheusTools.freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global: { scrape_interval: 1s, evaluation_interval: 1s }
                    scrape_configs:
                      - job_name: sluice
                        metrics_path: /metrics
                        static_configs: [ { targets: ["127.0.0.1:%d"] } ]
                    """.formatted(server.server().port()));
            Process prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                HttpTestClient api = new HttpTestClient("http://127.0.0.1:" + port);

                JsonNode result = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptions()
                        .until(() -> api.get("/api/v1/query?query=sluice_jobs_finished_total").json().path("data").path("result"),
                                r -> r.size() > 0);

                assertThat(result.get(0).path("metric").path("task").asText()).isEqualTo("ok");
                assertThat(result.get(0).path("metric").path("outcome").asText()).isEqualTo("successful");
                assertThat(result.get(0).path("value").get(1).asText()).isEqualTo("1");
            } finally {
                stop(prometheus);
            }
        }
    }

    // why: stopped by its own handle, never by name, so no other Prometheus on the machine is touched
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
