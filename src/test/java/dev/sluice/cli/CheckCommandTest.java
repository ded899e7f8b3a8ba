package dev.sluice.cli;

import static dev.sluice.cli.SluiceCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sluice check` finds a task's program on the PATH its jobs get, the script files it names, and advises a preflight. */
class CheckCommandTest {

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
    void a_program_not_on_the_tasks_path_is_a_problem_that_names_the_nearest_one_that_is() throws Exception {
        Path bin = executable("bin/python3", "exit 0");
        Path config = config("tasks:\n  t:\n    command: [python, run.py]\n    workdir: work\n"
                + "    env: { PATH: " + bin.getParent() + " }\n", "work/run.py");

        Run run = run("check", "--no-preflight", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("sluice.yaml:3: tasks.t.command[0]: 'python' is not found on the task's PATH ("
                + bin.getParent() + "); did you mean 'python3' (" + bin + ")?", "1 problem");
        assertThat(run.out()).doesNotContain("task 't': python");
    }

    @Test
    void a_script_without_an_interpreter_line_is_a_problem_as_no_shell_would_run_it() throws Exception {
        Path script = executable("bin/tool", "exit 0");
        Files.writeString(script, "echo needs a shell\n");
        Path config = config("tasks:\n  t:\n    command: [tool]\n    env: { PATH: " + script.getParent() + " }\n");

        Run run = run("check", "--no-preflight", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("tasks.t.command[0]: " + script + " is neither a compiled program nor a script with a"
                + " first line such as #!/bin/sh", "e.g. [sh, tool]");
    }

    @Test
    void a_program_found_is_shown_with_its_path_and_a_preflight_is_suggested_without_failing_the_check() throws Exception {
        Path python = executable("bin/python3", "exit 0");
        Path config = config("tasks:\n  t:\n    command: [python3, run.py, \"{out}\"]\n    workdir: work\n"
                + "    env: { PATH: " + python.getParent() + " }\n", "work/run.py");
        Files.writeString(dir.resolve("work/run.py"), "import os, sys\nimport numpy as np\nfrom cv2 import imread\n"
                + "def main():\n    import torch\n");

        Run run = run("check", "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("task 't': python3 -> " + python,
                "suggestion (not a problem): sluice.yaml:2: tasks.t.preflight: none set; add"
                        + " `preflight: [python3, -c, \"import numpy, cv2\"]`");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void a_program_that_is_a_pyenv_shim_gets_a_hint_about_clean_environments() throws Exception {
        Path shim = executable(".pyenv/shims/python3", "exit 0");
        Path config = config("tasks:\n  t:\n    command: [python3, run.py]\n    workdir: work\n    preflight: [python3, --version]\n"
                + "    env: { PATH: " + shim.getParent() + " }\n", "work/run.py");

        Run run = run("check", "--no-preflight", "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("task 't': python3 -> " + shim,
                "hint: sluice.yaml:3: tasks.t.command[0]: python3 is a pyenv shim", "clean environment", "pyenv which python3");
        assertThat(run.out()).doesNotContain("suggestion");
    }

    @Test
    void a_program_inside_a_virtual_environment_gets_a_hint_to_write_its_full_path() throws Exception {
        Path python = executable("venv/bin/python3", "exit 0");
        Files.writeString(dir.resolve("venv/pyvenv.cfg"), "home = /usr/bin\n");
        Path config = config("tasks:\n  t:\n    command: [python3, run.py]\n    workdir: work\n    preflight: [python3, --version]\n"
                + "    env: { PATH: " + python.getParent() + " }\n", "work/run.py");

        Run run = run("check", "--no-preflight", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).contains("hint: sluice.yaml:3: tasks.t.command[0]: python3 is in the virtual environment "
                + dir.resolve("venv"), "write " + python + " in command");
    }

    @Test
    void script_arguments_naming_missing_files_are_problems_naming_the_file_and_the_folder() throws Exception {
        Path python = executable("bin/python3", "exit 0");
        Path config = config("tasks:\n  t:\n    command: [python3, run.py, missing.py, data/in.csv, \"{out}/x.png\", -c, \"import a/b\", \"lib/*:classes\"]\n"
                + "    workdir: work\n    preflight: [python3, --version]\n    env: { PATH: " + python.getParent() + " }\n", "work/run.py");

        Run run = run("check", "--no-preflight", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(
                "sluice.yaml:3: tasks.t.command[2]: file missing.py is not in the task's workdir " + dir.resolve("work"),
                "sluice.yaml:3: tasks.t.command[3]: file data/in.csv is not in the task's workdir " + dir.resolve("work"),
                "2 problems");
        assertThat(run.err()).doesNotContain("command[1]", "command[4]", "command[6]", "command[7]");
    }

    @Test
    void a_failed_preflight_names_the_program_it_ran() throws Exception {
        Path python = executable("bin/python3", "echo 'No module named cv2' >&2; exit 1");
        Path config = config("tasks:\n  t:\n    command: [python3, run.py]\n    workdir: work\n"
                + "    preflight: [python3, -c, \"import cv2\"]\n    env: { PATH: " + python.getParent() + ":/usr/bin:/bin }\n",
                "work/run.py");

        Run run = run("check", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("preflight of task 't' failed", "exited with code 1 (python3 -> " + python + ")",
                "No module named cv2");
    }

    @Test
    void a_preflight_whose_program_is_missing_says_so_in_words_of_its_own() throws Exception {
        Path python = executable("bin/python3", "exit 0");
        Path config = config("tasks:\n  t:\n    command: [python3, run.py]\n    workdir: work\n"
                + "    preflight: [pyth0n3, --version]\n    env: { PATH: " + python.getParent() + " }\n", "work/run.py");

        Run run = run("check", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("preflight of task 't' failed: pyth0n3 --version could not be started ('pyth0n3' is not"
                + " found on the task's PATH (" + python.getParent() + "); did you mean 'python3'")
                .doesNotContain("Cannot run program", "error=2");
    }

    @Test
    void counts_in_the_summary_are_singular_for_one() throws Exception {
        Path one = config("tasks:\n  t:\n    command: [\"true\"]\n    preflight: [\"true\"]\n");
        assertThat(run("check", "--no-preflight", "--config", one.toString()).out()).contains("is valid: 1 task (t), 1 queue (default)");

        Path two = config("queues: { slow: { concurrency: 1 } }\ntasks:\n  t: { command: [\"true\"], preflight: [\"true\"] }\n"
                + "  u: { command: [\"true\"], preflight: [\"true\"], queue: slow }\n");
        assertThat(run("check", "--no-preflight", "--config", two.toString()).out())
                .contains("is valid: 2 tasks (t, u), 2 queues (");
    }

    @Test
    void serve_refuses_a_config_with_every_key_problem_listed_at_once() throws Exception {
        Path config = config("sever:\n  listen: 127.0.0.1:0\ntasks:\n  t:\n    comand: [\"true\"]\n    retries: many\n");

        Run run = run("serve", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("sluice.yaml:1: sever: unknown key", "did you mean 'server'?",
                "sluice.yaml:5: tasks.t.comand: unknown key", "did you mean 'command'?",
                "sluice.yaml:6: tasks.t.retries: 'many' is not a whole number");
    }

    @Test
    void a_job_runs_the_program_its_tasks_path_finds_as_check_shows_it() throws Exception {
        Path tool = executable("own-bin/sluice-test-tool", "printf 'from the task PATH' > \"$1/r.txt\"");
        String yaml = "tasks:\n  t:\n    command: [sluice-test-tool, \"{out}\"]\n    preflight: [sluice-test-tool, " + dir + "]\n"
                + "    env: { PATH: \"" + tool.getParent() + ":/usr/bin:/bin\" }\n    outputs: { r: { file: r.txt, type: string } }\n";
        assertThat(run("check", "--config", config(yaml).toString()).out()).contains("task 't': sluice-test-tool -> " + tool);

        try (TestServer server = TestServer.start(dir.resolve("server"), yaml)) {
            Run run = run("submit", "t", "--wait", "--server", server.http().base());

            assertThat(run.exit()).as(run.err()).isEqualTo(0);
            assertThat(run.out()).contains("r: \"from the task PATH\"");
        }
    }

    private Path executable(String relative, String body) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Path config(String yaml, String... files) throws Exception {
        for (String file : files) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), "");
        }
        return Files.writeString(dir.resolve("sluice.yaml"), yaml);
    }
}
