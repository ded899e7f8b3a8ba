package dev.sluice.metrics;

import dev.sluice.testing.Requirements;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds Debian's `prometheus` and `promtool` for the tests that check real output with them. */
final class PrometheusTools {

    private PrometheusTools() {
    }

    /** The path of the named tool; skips the test where it is missing (fails it in CI). */
    static Path require(String tool) {
        Path path = Path.of("/usr/bin", tool);
        Requirements.require(Files.isExecutable(path), tool + " is not installed (Debian package prometheus)");
        return path;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
