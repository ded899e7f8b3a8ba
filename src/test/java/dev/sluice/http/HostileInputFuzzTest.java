package dev.sluice.http;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.config.ConfigFuzzTarget;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the three ways bad input comes in: the config file, a submission's values,
 * and a multipart form sent to a running server. One fuzz test picks the target from its first byte, because
 * Jazzer fuzzes one test per JVM and a JVM with its agent takes seconds to start. `./run-tests` runs it for the
 * bounded time below (JAZZER_FUZZ=1, see pom.xml); a finding is saved under src/test/resources and fails the build.
 */
class HostileInputFuzzTest {

    private static TestServer server;
    private static ConfigFuzzTarget config;
    private static SubmissionFuzzTarget submissions;
    private static MultipartFuzzTarget forms;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("sluice-fuzz");
        // why: the config's paths are its author's, not an attacker's: a workdir check is no traversal to report
        System.setProperty("jazzer.disabled_hooks", "com.code_intelligence.jazzer.sanitizers.FilePathTraversal");
        System.setProperty("jazzer.instrument", "dev.sluice.**,com.fasterxml.jackson.core.**,org.eclipse.jetty.http.**");
        config = new ConfigFuzzTarget(dir.resolve("config"));
        submissions = new SubmissionFuzzTarget(dir.resolve("submissions"));
        server = TestServer.start(dir.resolve("server"), MultipartFuzzTarget.TASKS);

        forms = new MultipartFuzzTarget(server);
    }

    @AfterAll
    static void stop() {
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections()) {
            Hostile.assertStillServes(server);
        } finally {
            server.close();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void bad_input_gets_a_config_problem_or_a_4xx_and_nothing_else(FuzzedDataProvider data) {
        int port = server.server().port();
        // why: the form target talks to its own server over loopback, which Jazzer's SSRF detector would report;
        // its API works only once its agent is in, that is inside the fuzz test
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, to) -> to == port
                && ("127.0.0.1".equals(host) || "localhost".equals(host)))) {
            switch (data.consumeInt(0, 2)) {
                case 0 -> config.fuzz(data);
                case 1 -> submissions.fuzz(data);
                default -> forms.fuzz(data);
            }
        }
    }
}
