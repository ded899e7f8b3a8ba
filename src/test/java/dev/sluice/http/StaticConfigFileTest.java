package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.SluiceServer;
import dev.sluice.config.ConfigLoader;
import dev.sluice.testing.HttpTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file is never served, even from a mounted folder that holds it, and even through a link to it. */
class StaticConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void the_config_file_in_a_mounted_folder_is_not_served() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("page.txt"), "a page");
        Path configFile = site.resolve("sluice.yaml");
        Files.writeString(configFile, """
                server: { listen: "127.0.0.1:0", drain-timeout: 0s }
                storage: { data-dir: "%s" }
                tasks:
                  noop: { command: [true] }
                static:
                  "/": .
                """.formatted(dir.resolve("data")));
        Files.createSymbolicLink(site.resolve("settings.txt"), configFile);

        try (SluiceServer server = SluiceServer.start(new ConfigLoader().load(configFile, Map.of()))) {
            HttpTestClient http = new HttpTestClient("http://127.0.0.1:" + server.port());

            assertThat(http.get("/page.txt").body()).isEqualTo("a page");
            for (String path : new String[] {"/sluice.yaml", "/settings.txt"}) {
                HttpTestClient.Response r = http.get(path);
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.body()).as(path).doesNotContain("data-dir");
            }
        }
    }
}
