package dev.sluice.app;

import static org.awaitility.Awaitility.await;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A Sluice server in a process of its own (`sluice serve`), so that a test can kill it with SIGKILL. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final HttpTestClient http;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.http = new HttpTestClient("http://127.0.0.1:" + port);
    }

    static ServerProcess start(Path config, int port, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.Main", "serve", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        ServerProcess server = new ServerProcess(process, port);
        await().atMost(TestServer.PATIENCE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> server.http.get("/health").status() == 200);
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    HttpTestClient http() {
        return http;
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
            process.waitFor();
        }
    }
}
