package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Requirements;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Sluice server in a process of its own whose data folder is a small tmpfs, mounted in a private mount namespace
 * (`unshare --mount`) that only this process sees: the disk can fill up without touching the host's mounts.
 * The test reads the folder through {@code nsenter} into that namespace.
 */
final class FullDiskServer implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final HttpTestClient http;

    private FullDiskServer(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.http = new HttpTestClient("http://127.0.0.1:" + port);
    }

    /**
     * Skips the test (fails it in CI), saying why, where a private mount namespace with a tmpfs cannot be made: a
     * laptop's user is not root (no CAP_SYS_ADMIN), or util-linux's unshare is missing.
     */
    static void requireMountNamespaces(Path dir) throws IOException, InterruptedException {
        Path probe = Files.createDirectories(dir.resolve("probe"));
        String why = "the disk-full tests fill a tmpfs in a private mount namespace, which needs root (CAP_SYS_ADMIN) and"
                + " util-linux's unshare; here: ";
        try {
            Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "mount -t tmpfs -o size=1m sluice-probe \"$0\"", probe.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Requirements.require(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, why + said.strip());
        } catch (IOException noUnshare) {
            Requirements.require(false, why + noUnshare.getMessage());
        }
    }

    /** Starts `sluice serve --config config` with {@code dataDir} a tmpfs of {@code size} (such as 8m). */
    static FullDiskServer start(Path config, Path dataDir, String size, int port, Path output) throws IOException {
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=" + size + " sluice-full \"$0\" && exec \"$@\"", dataDir.toString(),
                java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.Main", "serve", "--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        FullDiskServer server = new FullDiskServer(process, dataDir, port);
        await().atMost(TestServer.PATIENCE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    assertThat(process.isAlive()).as("the server process is alive; see %s", output).isTrue();
                    return server.http.get("/health").status() == 200;
                });
        return server;
    }

    HttpTestClient http() {
        return http;
    }

    /** Runs a shell command inside the server's mount namespace (where the tmpfs is) and returns what it printed. */
    String inside(String shell) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nsenter", "--target", String.valueOf(process.pid()), "--mount", "sh", "-c", shell,
                "sh", dataDir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
