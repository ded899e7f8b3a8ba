package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a few jobs, `GET /metrics` counts them by task and outcome, times them in buckets, and counts requests by route. */
class MetricsEndpointTest {

    @TempDir
    Path dir;

    private TestServer server;
    private Path gate;

    @BeforeEach
    void start() {
        gate = dir.resolve("gate");
        Path ok = Scripts.write(dir.resolve("scripts"), "ok.sh", "echo done");
        Path fail = Scripts.write(dir.resolve("scripts"), "fail.sh", "exit 3");
        Path sleep = Scripts.write(dir.resolve("scripts"), "sleep.sh", "sleep 30");
        Path wait = Scripts.write(dir.resolve("scripts"), "wait.sh", "while [ ! -e \"" + gate + "\" ]; do sleep 0.05; done");
        server = TestServer.start(dir, """
                queues:
                  default: { concurrency: 2 }
                  slow: { concurrency: 1 }
                tasks:
                  ok: { command: %s }
                  fail: { command: %s }
                  wait: { command: %s, queue: slow }
                  sleep: { command: %s, limits: { timeout: 1s, kill-grace: 1s } }
                """.formatted(Scripts.command(ok), Scripts.command(fail), Scripts.command(wait), Scripts.command(sleep)));
    }

    @AfterEach
    void stop() throws Exception {
        java.nio.file.Files.writeString(gate, "open");
        server.close();
    }

    @Test
    void finished_jobs_are_counted_by_task_and_outcome_with_their_run_time_in_buckets() {
        String first = server.submit("ok", "{}");
        String second = server.submit("ok", "{}");
        String failed = server.submit("fail", "{}");
        server.awaitEnd(first);
        server.awaitEnd(second);
        server.awaitEnd(failed);

        String metrics = scrape();

        assertThat(metrics)
                .contains("sluice_jobs_submitted_total{queue=\"default\",task=\"ok\"} 2.0")
                .contains("sluice_jobs_started_total{queue=\"default\",task=\"ok\"} 2.0")
                .contains("sluice_jobs_finished_total{outcome=\"successful\",reason=\"none\",task=\"ok\"} 2.0")
                .contains("sluice_jobs_finished_total{outcome=\"failed\",reason=\"exit-code\",task=\"fail\"} 1.0")
                .contains("sluice_job_run_seconds_count{task=\"ok\"} 2")
                .contains("sluice_job_run_seconds_bucket{task=\"ok\",le=\"+Inf\"} 2")
                .contains("sluice_job_wait_seconds_bucket{task=\"ok\",le=\"14400.0\"} 2");
    }

    @Test
    void a_job_stopped_at_its_time_limit_is_counted_as_a_timeout() {
        server.awaitEnd(server.submit("sleep", "{}"));

        assertThat(scrape())
                .contains("sluice_timeouts_total{task=\"sleep\"} 1.0")
                .contains("sluice_jobs_finished_total{outcome=\"failed\",reason=\"timeout\",task=\"sleep\"} 1.0");
    }

    @Test
    void queue_gauges_show_the_waiting_and_running_jobs_of_each_queue() {
        String running = server.submit("wait", "{}");
        server.awaitStatus(running, "running");
        server.submit("wait", "{}");
        server.submit("wait", "{}");

        await().atMost(TestServer.PATIENCE).untilAsserted(() -> assertThat(scrape())
                .contains("sluice_queue_waiting{queue=\"slow\"} 2.0")
                .contains("sluice_queue_running{queue=\"slow\"} 1.0")
                .contains("sluice_queue_waiting{queue=\"default\"} 0.0"));
    }

    @Test
    void http_requests_are_counted_by_route_template_never_by_the_job_id_in_the_path() {
        String id = server.submit("ok", "{}");
        server.awaitEnd(id);
        server.http().get("/nothing/here/" + id);

        String metrics = scrape();

        assertThat(metrics)
                .contains("sluice_http_requests_total{method=\"GET\",route=\"/jobs/{id}\",status=\"200\"}")
                .contains("sluice_http_requests_total{method=\"POST\",route=\"/processes/{task}/execution\",status=\"201\"}")
                .contains("sluice_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}")
                .doesNotContain(id);
    }

    @Test
    void node_gauges_and_jvm_series_are_present() {
        String metrics = scrape();

        assertThat(metrics)
                .contains("sluice_tasks_broken 0.0")
                .contains("sluice_event_streams_open 0.0")
                .containsPattern("sluice_data_dir_free_bytes [1-9]")
                .contains("jvm_memory_used_bytes{area=\"heap\"")
                .contains("process_uptime_seconds");
    }

    private String scrape() {
        var response = server.http().get("/metrics");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        return TestServer.oneNodeSeries(response.body());
    }
}
