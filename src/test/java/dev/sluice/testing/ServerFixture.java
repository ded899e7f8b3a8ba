package dev.sluice.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for tests that run a real server: a folder of the test's own, and at most one {@link TestServer} per test,
 * closed after it. A subclass starts it with {@link #start(String)} or assigns {@link #server} itself.
 */
public abstract class ServerFixture {

    @TempDir
    protected Path dir;

    protected TestServer server;

    /** Starts the server of this test from {@code yaml}; it is closed after the test. */
    protected TestServer start(String yaml) {
        server = TestServer.start(dir, yaml);
        return server;
    }

    // why: JUnit runs a subclass's @AfterEach first, so a subclass can still release its gated jobs here
    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
