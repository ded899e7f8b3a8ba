package dev.sluice.cli;

import static dev.sluice.cli.SluiceCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `sluice` command line: check, submit and jobs, run as a user would, with their output and exit codes. */
class CommandLineTest {

    @TempDir
    Path dir;

    // why: tokens the servers issue are remembered in the test's folder, not in the home folder of whoever runs it
    @org.junit.jupiter.api.BeforeEach
    void rememberTokensInTheTestFolder() {
        System.setProperty("sluice.token-file", dir.resolve("tokens").toString());
    }

    @org.junit.jupiter.api.AfterEach
    void forgetTheTokenFile() {
        System.clearProperty("sluice.token-file");
    }

    @Test
    void check_prints_each_problem_with_file_line_and_key_and_exits_1() throws Exception {
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "queues:\n  default: { concurrency: 0 }\ntasks:\n  t:\n    command: [true]\n    limits: { timeout: soon }\n");

        Run run = run("check", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("sluice.yaml:6: tasks.t.limits.timeout");
    }

    @Test
    void check_reports_every_value_problem_at_once() throws Exception {
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "queues:\n  default: { concurrency: 0 }\ntasks:\n  t:\n    command: [true, \"{nope}\"]\n    retries: -1\n");

        Run run = run("check", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("sluice.yaml:2: queues.default.concurrency: must be at least 1",
                "sluice.yaml:5: tasks.t.command[1]: {nope} names no input", "sluice.yaml:6: tasks.t.retries", "3 problems");
    }

    @Test
    void check_of_a_valid_config_summarises_it_and_exits_0() throws Exception {
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "tasks:\n  t:\n    command: [true]\n");

        Run run = run("check", "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("is valid: 1 task (t), 1 queue (default)");
    }

    @Test
    void check_runs_each_preflight_and_reports_a_failing_one_with_its_output() throws Exception {
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "tasks:\n  t:\n    command: [true]\n    preflight: [bash, -c, \"echo wrong python >&2; exit 3\"]\n"
                + "  u:\n    command: [true]\n    preflight: [true]\n");

        Run run = run("check", "--config", config.toString());
        Run fileOnly = run("check", "--no-preflight", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("preflight of task 't' failed", "exited with code 3", "wrong python");
        assertThat(run.out()).contains("preflight of task 'u' passed");
        assertThat(fileOnly.exit()).isEqualTo(0);
    }

    @Test
    void check_of_a_missing_file_says_so() {
        Run run = run("check", "--config", dir.resolve("absent.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("absent.yaml: no such file");
    }

    @Test
    void submit_with_wait_uploads_a_file_follows_the_job_and_prints_its_results() throws Exception {
        Path script = Scripts.write(dir, "count.sh", "wc -c < \"$1\" | tr -d ' \\n' > \"$3/size.txt\"\nprintf '%s' \"$2\" > \"$3/label.txt\"");
        Path upload = dir.resolve("data.bin");
        Files.write(upload, new byte[1234]);
        try (TestServer server = TestServer.start(dir.resolve("server"), "tasks:\n  count:\n    command: "
                + Scripts.command(script, "{data}", "{label}", "{out}")
                + "\n    inputs: { data: { type: file }, label: { type: string } }"
                + "\n    outputs: { size: { file: size.txt, type: number }, label: { file: label.txt, type: string } }\n")) {

            Run run = run("submit", "count", "data=@" + upload, "label=first run", "--wait", "--server", server.http().base());

            assertThat(run.exit()).as(run.err()).isEqualTo(0);
            assertThat(run.out()).contains("size: 1234", "label: \"first run\"");
            Run jobs = run("jobs", "--server", server.http().base());
            assertThat(jobs.exit()).isEqualTo(0);
            assertThat(jobs.out()).contains("successful", "count");
        }
    }

    @Test
    void submit_of_an_invalid_input_prints_the_servers_reason_and_exits_1() {
        try (TestServer server = TestServer.start(dir, "tasks:\n  t:\n    command: [true]\n    inputs: { n: { type: integer, max: 5 } }\n")) {
            Run run = run("submit", "t", "n=9", "--server", server.http().base());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("input 'n' must be at most 5");
        }
    }

    @Test
    void submit_to_an_unreachable_server_says_so() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run run = run("submit", "t", "--server", "http://127.0.0.1:" + port);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach");
    }

    @Test
    void init_python_writes_the_helper_and_will_not_overwrite_a_different_file_without_force() throws Exception {
        Run first = run("init-python", dir.toString());
        assertThat(first.exit()).as(first.err()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("sluice.py"))).isEqualTo(dev.sluice.worker.PythonHelper.source());

        Files.writeString(dir.resolve("sluice.py"), "# my own edits\n");
        Run refused = run("init-python", dir.toString());
        Run forced = run("init-python", "--force", dir.toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(forced.exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("sluice.py"))).isEqualTo(dev.sluice.worker.PythonHelper.source());
    }

    @Test
    void every_command_has_help() {
        for (String command : new String[] {"serve", "demo", "check", "submit", "jobs", "cancel", "tail", "backup", "restore", "export", "import", "hash-password", "init-python"}) {
            Run run = run(command, "--help");
            assertThat(run.exit()).isEqualTo(0);
            assertThat(run.out()).contains("Usage: sluice " + command);
        }
    }

    @Test
    void hash_password_prints_a_hash_that_matches_the_password_read_from_standard_input() {
        Run run = SluiceCommand.runWithInput("long enough secret\n", "hash-password");

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        dev.sluice.config.PasswordHash hash = dev.sluice.config.PasswordHash.parse(run.out().trim()).orElseThrow();
        assertThat(hash.matches("long enough secret".toCharArray())).isTrue();
        assertThat(hash.matches("another secret".toCharArray())).isFalse();
    }
}
