package dev.sluice.web;

import dev.sluice.app.SluiceServer;
import dev.sluice.cli.DemoConfig;
import dev.sluice.testing.HttpTestClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/** The built-in demo on a free loopback port with a fresh headless Chromium before it: what each browser test starts from. */
record DemoInBrowser(SluiceServer server, HttpTestClient http, Browser browser, String base) implements AutoCloseable {

    /** {@code basePath}: "" or a `server.base-path` such as "/sluice", which {@link #base} then ends with. */
    static DemoInBrowser start(Path dir, String basePath) throws IOException, dev.sluice.config.ConfigException {
        Map<String, String> env = new HashMap<>(Map.of(
                "SLUICE_SERVER_LISTEN", "127.0.0.1:0",
                "SLUICE_STORAGE_DATA_DIR", dir.resolve("data").toString()));
        if (!basePath.isEmpty()) {
            env.put("SLUICE_SERVER_BASE_PATH", basePath);
        }
        SluiceServer server = SluiceServer.start(DemoConfig.load(env));
        try {
            String base = "http://127.0.0.1:" + server.port() + basePath;
            return new DemoInBrowser(server, new HttpTestClient(base), Browser.start(dir.resolve("profile")), base);
        } catch (IOException | RuntimeException noBrowser) {
            server.close();
            throw noBrowser;
        }
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    @Override
    public void close() {
        browser.close();
        server.close();
    }
}
