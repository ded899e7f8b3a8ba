package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCommand.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sluice systemd` prints a unit that systemd's own checker accepts, with the timeouts and paths of the config. */
class SystemdCommandTest {

    @TempDir
    Path dir;

    @Test
    void the_unit_passes_systemd_analyze_verify_and_carries_the_configs_paths_and_drain() throws Exception {
        Path config = write("""
                server: { listen: "127.0.0.1:8080", drain-timeout: 90s }
                storage: { data-dir: "my data" }
                log: { file: logs/sluice.log }
                tasks:
                  quick: { command: ["true"] }
                """);

        Run run = SluiceCommand.run("systemd", "--config", config.toString(), "--user", "science");

        assertThat(run.exit()).as(run.err()).isZero();
        String unit = run.out();
        assertThat(unit).contains("Restart=on-failure", "TimeoutStopSec=120s", "KillMode=mixed", "User=science",
                "ProtectSystem=strict", "NoNewPrivileges=yes", "RestrictNamespaces=yes", "CapabilityBoundingSet=\n",
                "ReadWritePaths=\"" + dir.resolve("my data") + "\" " + dir.resolve("logs"),
                " serve --config " + config);
        assertThat(verify(unit)).isEmpty();
    }

    @Test
    void a_low_port_gets_only_the_capability_to_bind_it_and_sandboxed_tasks_keep_their_namespaces() throws Exception {
        Path config = write("""
                server: { listen: "0.0.0.0:443" }
                tasks:
                  boxed: { command: ["true"], sandbox: true }
                """);

        String unit = SluiceCommand.run("systemd", "--config", config.toString()).out();

        assertThat(unit).contains("AmbientCapabilities=CAP_NET_BIND_SERVICE", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
                "User=sluice").doesNotContain("RestrictNamespaces");
        assertThat(verify(unit)).isEmpty();
    }

    @Test
    void an_invalid_config_prints_its_problems_and_no_unit() throws IOException {
        Path config = write("tasks:\n  quick: { command: [\"true\"], retries: -1 }\n");

        Run run = SluiceCommand.run("systemd", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("tasks.quick.retries");
    }

    private Path write(String yaml) throws IOException {
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    /** What `systemd-analyze verify` says about the unit beyond what a machine without systemd running says anyway. */
    private String verify(String unit) throws Exception {
        Path file = dir.resolve("sluice-test.service");
        Files.writeString(file, unit);
        Process verify = new ProcessBuilder("systemd-analyze", "verify", "--man=no", file.toString()).redirectErrorStream(true).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze ends").isTrue();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.exitValue()).as(said).isZero();
        return said.lines().filter(line -> line.contains("sluice-test.service")).reduce("", (a, b) -> a + b + "\n");
    }
}
