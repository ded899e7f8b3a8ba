package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Jobs as real processes: arguments, environment, progress, exit codes, retries and outputs. */
class ExecWorkerTest extends ServerFixture {

    @Test
    void arguments_reach_the_command_literally_without_a_shell() throws IOException {
        Path script = Scripts.write(dir, "args.sh", "printf '%s' \"$1\" > \"$2/arg.txt\"");
        start("tasks:\n  t:\n    command: " + Scripts.command(script, "{text}", "{out}")
                + "\n    inputs: { text: { type: string } }\n    outputs: { arg: { file: arg.txt, type: string } }\n");
        String hostile = "$(touch " + dir.resolve("pwned") + "); `id` ; echo hi > x";
        String id = server.submit("t", "{\"text\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(hostile) + "}");

        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");
        assertThat(server.http().get("/jobs/" + id + "/results").json().path("arg").asText()).isEqualTo(hostile);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void the_job_environment_has_thread_limits_and_task_env_but_not_the_servers_other_variables() {
        Path script = Scripts.write(dir, "env.sh", "env | sort > \"$1/env.txt\"");
        start("tasks:\n  t:\n    command: " + Scripts.command(script, "{out}")
                + "\n    env: { GREETING: hello }\n    limits: { threads: 3 }\n    outputs: { env: { file: env.txt, type: string } }\n");
        String id = server.submit("t", "{}");
        server.awaitEnd(id);

        String env = server.http().get("/jobs/" + id + "/results").json().path("env").asText();
        assertThat(env).contains("OMP_NUM_THREADS=3", "OPENBLAS_NUM_THREADS=3", "MKL_NUM_THREADS=3", "GREETING=hello",
                "SLUICE_JOB_ID=" + id, "SLUICE_RUN_ID=" + id + "/1");
        assertThat(env).doesNotContain("JAVA_HOME=").doesNotContain("MAVEN");
    }

    @Test
    void progress_lines_set_the_progress_and_stage_message_of_a_running_job() throws IOException {
        Path gate = dir.resolve("gate");
        Path script = Scripts.write(dir, "progress.sh", "echo '::progress 42 halfway there'\n"
                + "while [ ! -f \"" + gate + "\" ]; do sleep 0.05; done\necho '::progress 90 almost'");
        start("tasks:\n  t:\n    command: " + Scripts.command(script) + "\n");
        String id = server.submit("t", "{}");

        await().atMost(TestServer.PATIENCE).until(() -> server.status(id).path("progress").asInt(-1) == 42);
        assertThat(server.status(id).path("message").asText()).isEqualTo("halfway there");
        assertThat(server.status(id).path("status").asText()).isEqualTo("running");
        Files.writeString(gate, "go");
        JsonNode done = server.awaitEnd(id);
        assertThat(done.path("status").asText()).isEqualTo("successful");
        assertThat(done.path("progress").asInt()).isEqualTo(100);
        assertThat(server.http().get("/jobs/" + id + "/log").body()).contains("::progress 42 halfway there");
    }

    @Test
    void a_job_that_prints_nothing_has_no_log_file_and_an_empty_log() {
        start("tasks:\n  t:\n    command: [true]\n");
        String id = server.submit("t", "{}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");

        assertThat(server.dataDir().resolve("jobs").resolve(id).resolve("log")).doesNotExist();
        var log = server.http().get("/jobs/" + id + "/log");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).isEmpty();
    }

    @Test
    void a_non_zero_exit_fails_the_job_with_reason_exit_code_and_the_end_of_its_log() {
        Path script = Scripts.write(dir, "fail.sh", "echo 'reading input'\necho 'bad pixel at 3,4' >&2\nexit 7");
        start("tasks:\n  t:\n    command: " + Scripts.command(script) + "\n");
        JsonNode done = server.awaitEnd(server.submit("t", "{}"));

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("reason").asText()).isEqualTo("exit-code");
        assertThat(done.path("message").asText()).contains("exited with code 7").contains("bad pixel at 3,4");
    }

    @Test
    void a_job_killed_by_a_signal_fails_with_reason_crashed() {
        Path script = Scripts.write(dir, "crash.sh", "kill -SEGV $$");
        start("tasks:\n  t:\n    command: " + Scripts.command(script) + "\n");
        JsonNode done = server.awaitEnd(server.submit("t", "{}"));

        assertThat(done.path("reason").asText()).isEqualTo("crashed");
        assertThat(done.path("message").asText()).contains("signal 11");
    }

    @Test
    void a_command_that_cannot_start_fails_with_reason_launch() {
        start("tasks:\n  t:\n    command: [" + dir.resolve("no-such-program") + "]\n");
        JsonNode done = server.awaitEnd(server.submit("t", "{}"));

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("reason").asText()).isEqualTo("launch");
    }

    @Test
    void a_missing_declared_output_fails_the_job_with_reason_invalid_output() {
        Path script = Scripts.write(dir, "nothing.sh", "true");
        start("tasks:\n  t:\n    command: " + Scripts.command(script) + "\n    outputs: { report: { file: report.html } }\n");
        JsonNode done = server.awaitEnd(server.submit("t", "{}"));

        assertThat(done.path("reason").asText()).isEqualTo("invalid-output");
        assertThat(done.path("message").asText()).contains("report.html");
    }

    @Test
    void a_failed_job_with_retries_left_runs_again_and_can_succeed() {
        Path marker = dir.resolve("first-attempt-done");
        Path script = Scripts.write(dir, "flaky.sh", "if [ ! -f \"" + marker + "\" ]; then touch \"" + marker + "\"; exit 1; fi\nexit 0");
        start("tasks:\n  t:\n    command: " + Scripts.command(script) + "\n    retries: 1\n");
        JsonNode done = server.awaitEnd(server.submit("t", "{}"));

        assertThat(done.path("status").asText()).isEqualTo("successful");
        assertThat(done.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void retries_are_bounded() {
        Path script = Scripts.write(dir, "always.sh", "echo attempt >> \"" + dir.resolve("attempts") + "\"\nexit 1");
        start("tasks:\n  t:\n    command: " + Scripts.command(script) + "\n    retries: 2\n");
        JsonNode done = server.awaitEnd(server.submit("t", "{}"));

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("attempts").asInt()).isEqualTo(3);
    }
}
