package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.SluiceServer;
import dev.sluice.cli.DemoConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard client, unchanged: Debian's python3-owslib drives the demo through its OGC API – Processes module
 * (conformance, list, description) and follows the server's links for execution, status and results.
 */
class OwsLibClientTest {

    // why: Debian installs OWSLib for its own interpreter; a python3 earlier on PATH (pyenv) may not see it
    private static final List<String> INTERPRETERS = List.of("/usr/bin/python3", "python3");

    @TempDir
    Path dir;

    @Test
    void owslib_lists_describes_executes_and_reads_the_results_of_the_demo() throws Exception {
        Path script = dir.resolve("drive_processes.py");
        try (InputStream in = OwsLibClientTest.class.getResourceAsStream("/owslib/drive_processes.py")) {
            Files.copy(in, script);
        }
        try (SluiceServer server = SluiceServer.start(DemoConfig.load(Map.of(
                "SLUICE_SERVER_LISTEN", "127.0.0.1:0",
                "SLUICE_STORAGE_DATA_DIR", dir.resolve("data").toString())))) {
            Process client = new ProcessBuilder(interpreter(), script.toString(), "http://127.0.0.1:" + server.port() + "/")
                    .redirectErrorStream(true).start();
            String output;
            try {
                // why: the script prints a few short lines, so reading to the end waits for it to exit; the timeout
                // bounds a client that hangs
                assertThat(client.waitFor(120, TimeUnit.SECONDS)).as("the client ends").isTrue();
                output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                client.destroyForcibly();
            }
            assertThat(client.exitValue()).as(output).isZero();
            assertThat(output).contains("ok the results hold the echo", "ok synchronous execution answers the value");
        }
    }

    private static String interpreter() throws IOException, InterruptedException {
        for (String candidate : INTERPRETERS) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import owslib.ogcapi.processes").redirectErrorStream(true).start();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
                probe.destroyForcibly();
            } catch (IOException missing) {
                // try the next one
            }
        }
        throw new AssertionError("no python3 can import owslib: apt-get install python3-owslib (.ci/run does)");
    }
}
