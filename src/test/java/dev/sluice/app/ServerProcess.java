package dev.sluice.app;

import static org.awaitility.Awaitility.await;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Sluice server in a process of its own (`sluice serve`), so that a test can kill it with SIGKILL. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final HttpTestClient http;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.http = new HttpTestClient("http://127.0.0.1:" + port);
    }

    static ServerProcess start(Path config, int port, Path output) throws IOException {
        return launch(List.of("serve", "--config", config.toString()), Map.of(), config.getParent(), port, output, List.of());
    }

    /**
     * `sluice serve` with SLUICE_… settings added to its environment (a node's listen address and name, say), its JVM
     * compiling with C1 only: a server of a few seconds starts sooner so, several at once on a small machine.
     */
    static ServerProcess start(Path config, int port, Path output, Map<String, String> env) throws IOException {
        return launch(List.of("serve", "--config", config.toString()), env, config.getParent(), port, output,
                List.of("-XX:TieredStopAtLevel=1"));
    }

    /** `sluice demo` on {@code port} with its data in {@code dataDir}, and any other SLUICE_… settings given. */
    static ServerProcess startDemo(Path dataDir, int port, Path output, Map<String, String> settings) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("SLUICE_SERVER_LISTEN", "127.0.0.1:" + port);
        env.put("SLUICE_STORAGE_DATA_DIR", dataDir.toString());
        return launch(List.of("demo"), env, dataDir.getParent(), port, output, List.of());
    }

    private static ServerProcess launch(List<String> command, Map<String, String> env, Path home, int port, Path output,
                                        List<String> jvmOptions) throws IOException {
        ServerProcess server = spawn(command, env, home, port, output, jvmOptions);
        try {
            await().atMost(TestServer.PATIENCE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> server.http.get("/health").status() == 200);
        } catch (RuntimeException | Error notUp) {
            // why: a server that never came up would otherwise outlive the test, holding its port
            server.process.destroyForcibly();
            throw notUp;
        }
        return server;
    }

    /** `sluice serve` without waiting for it to answer: for a server that may die before it ever does. */
    static ServerProcess spawn(Path config, int port, Path output) throws IOException {
        return spawn(List.of("serve", "--config", config.toString()), Map.of(), config.getParent(), port, output, List.of());
    }

    /** {@code home} is the test's folder: in the PostgreSQL pass, the server's database is the one kept for it. */
    private static ServerProcess spawn(List<String> command, Map<String, String> env, Path home, int port, Path output,
                                       List<String> jvmOptions) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> argv = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC"));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.sluice.cli.Main"));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        if (TestServer.onPostgres()) {
            builder.environment().put("SLUICE_STORAGE_DATABASE", TestServer.postgresFor(home));
        }
        return new ServerProcess(builder.start(), port);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    HttpTestClient http() {
        return http;
    }

    /** SIGTERM, as systemd or `kill PID` sends it: the server drains and stops by itself. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; true if it did within {@code wait}. */
    boolean awaitExit(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** SIGKILL without waiting for the process to end. */
    void destroyForcibly() {
        process.destroyForcibly();
    }

    /** SIGKILL: the server gets no chance to clean up, as in a crash or an OOM kill. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            // why: a server that does not stop within its drain must not hold the test until the suite's timeout
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
