package dev.sluice.cli;

import static dev.sluice.cli.SluiceCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.Requirements;
import dev.sluice.worker.SandboxProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sluice check` tries bubblewrap when a task asks for a sandbox, and a server without a working one refuses to start. */
class SandboxCheckTest {

    @TempDir
    Path dir;

    private Path config() throws IOException {
        Path config = dir.resolve("sluice.yaml");
        // why: the config file is hidden in the sandbox, so this preflight passes there and only there
        Files.writeString(config, "storage: { data-dir: data }\nserver: { listen: \"127.0.0.1:0\" }\n"
                + "tasks:\n  boxed:\n    command: [\"true\"]\n    sandbox: true\n"
                + "    preflight: [test, \"!\", -e, \"" + dir.resolve("sluice.yaml") + "\"]\n");
        return config;
    }

    @Test
    void check_says_bubblewrap_works_and_runs_the_preflight_in_the_sandbox() throws IOException {
        Requirements.require(SandboxProbe.problem().isEmpty(), "bubblewrap does not work here");

        SluiceCommand.Run run = run("check", "--config", config().toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("sandbox: bubblewrap works here", "preflight of task 'boxed' passed");
    }

    @Test
    void check_without_bubblewrap_says_so_and_exits_1() throws Exception {
        Outcome check = inAJvmWithoutBwrap("check", "--no-preflight", "--config", config().toString());

        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.output()).contains("sandbox: bwrap could not be run", "install bubblewrap");
    }

    @Test
    void serve_without_bubblewrap_refuses_to_start_instead_of_running_unsandboxed() throws Exception {
        Outcome serve = inAJvmWithoutBwrap("serve", "--config", config().toString());

        assertThat(serve.exit()).isNotEqualTo(0);
        assertThat(serve.output()).contains("tasks [boxed] ask for a sandbox", "bwrap could not be run");
    }

    private record Outcome(int exit, String output) {
    }

    /** The command line in a JVM of its own whose PATH holds no bwrap. */
    private Outcome inAJvmWithoutBwrap(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> argv = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.Main"));
        argv.addAll(List.of(args));
        Path emptyPath = Files.createDirectories(dir.resolve("no-bwrap"));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("PATH", emptyPath.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end");
        }
        return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
