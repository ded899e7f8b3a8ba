package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `promtool check metrics`, Prometheus's own linter, accepts what `GET /metrics` serves after real jobs ran. */
class PromtoolCheckTest {

    @TempDir
    Path dir;

    @Test
    void promtool_accepts_the_metrics_of_a_server_that_ran_jobs() throws Exception {
        Path promtool = PrometheusTools.require("promtool");
        Path ok = Scripts.write(dir.resolve("scripts"), "ok.sh", "echo done");
        Path fail = Scripts.write(dir.resolve("scripts"), "fail.sh", "exit 3");
        String metrics;
        try (TestServer server = TestServer.start(dir, "tasks:\n  ok: { command: " + Scripts.command(ok) + " }\n"
                + "  fail: { command: " + Scripts.command(fail) + " }\n")) {
            server.awaitEnd(server.submit("ok", "{}"));
            server.awaitEnd(server.submit("fail", "{}"));
            server.http().get("/jobs/nope");
            metrics = server.http().get("/metrics").body();
        }

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("promtool ends").isTrue();

        assertThat(check.exitValue()).as(said).isZero();
        assertThat(said).isBlank();
    }
}
