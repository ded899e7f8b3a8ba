package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.SluiceServer;
import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.config.ConfigLoader;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sluice nginx`'s server block passes Debian's `nginx -t`, and a real nginx with it serves uploads, events and pages. */
class NginxCommandTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @TempDir
    Path dir;

    private SluiceServer sluice;
    private Process nginx;
    private Path release;

    @AfterEach
    void stop() throws Exception {
        if (release != null) {
            Files.writeString(release, "go");
        }
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(30, TimeUnit.SECONDS);
        }
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void the_block_passes_nginx_t_and_carries_the_limits_of_the_config() throws Exception {
        Path config = sluiceConfig(freePort(), "/sluice");

        Run run = SluiceCommand.run("nginx", "--config", config.toString(), "--listen", "127.0.0.1:8081", "--server-name", "jobs.example");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("client_max_body_size 3145728;", "location /sluice/ {", "proxy_buffering off;",
                "location /sluice/tiles/ {", "alias \"" + dir.resolve("tiles") + "/\";", "disable_symlinks on;",
                "location ~ ^/sluice/jobs/[^/]+/events$", "server_name jobs.example;", "proxy_request_buffering off;");
        Path conf = wrapper(run.out(), dir.resolve("nginx"));
        Process test = new ProcessBuilder(NGINX.toString(), "-t", "-p", dir.resolve("nginx").toString(), "-c", conf.toString())
                .redirectErrorStream(true).start();
        assertThat(test.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(test.exitValue()).as(said).isZero();
        assertThat(said).contains("syntax is ok", "test is successful");
    }

    @Test
    void a_real_nginx_in_front_passes_uploads_live_events_and_pages() throws Exception {
        int sluicePort = freePort();
        Path config = sluiceConfig(sluicePort, "");
        sluice = SluiceServer.start(new ConfigLoader().load(config, Map.of()));
        int nginxPort = freePort();
        Run run = SluiceCommand.run("nginx", "--config", config.toString(), "--listen", "127.0.0.1:" + nginxPort);
        assertThat(run.exit()).as(run.err()).isZero();
        Path conf = wrapper(run.out(), dir.resolve("nginx"));
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.resolve("nginx").toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx/out.txt").toFile()).start();
        HttpTestClient front = new HttpTestClient("http://127.0.0.1:" + nginxPort);
        await().atMost(TestServer.PATIENCE).ignoreExceptions().until(() -> front.get("/health").status() == 200);

        byte[] upload = new byte[1_500_000];
        java.util.Arrays.fill(upload, (byte) 'x');
        Response submitted = front.multipart("/processes/count/execution", List.of(Part.file("data", "data.bin", upload)));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        JsonNode counted = awaitEnd(front, submitted.json().path("jobID").asText());
        assertThat(counted.path("status").asText()).isEqualTo("successful");
        assertThat(front.get("/jobs/" + counted.path("jobID").asText() + "/results").json().path("bytes").asLong()).isEqualTo(1_500_000);

        String gated = front.postJson("/processes/gate/execution", "{}").json().path("jobID").asText();
        try (Socket socket = new Socket("127.0.0.1", nginxPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /jobs/" + gated + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout((int) TestServer.PATIENCE.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            // the job waits for a file that is written only once its running state has come through nginx
            for (String line = in.readLine(); ; line = in.readLine()) {
                assertThat(line).as("the stream ended early").isNotNull();
                if (line.startsWith("data:") && line.contains("\"status\":\"running\"")) {
                    break;
                }
            }
        }
        Files.writeString(release, "go");
        assertThat(awaitEnd(front, gated).path("status").asText()).isEqualTo("successful");
        Response tile = front.get("/tiles/a.txt");
        assertThat(tile.body()).isEqualTo("tile a");
        assertThat(tile.header("Server")).as("served by nginx itself").startsWith("nginx");
        assertThat(tile.header("Cache-Control")).isEqualTo("max-age=3600");
        assertThat(front.get("/tiles/.secret").status()).isEqualTo(404);
        assertThat(front.get("/tiles/outside.txt").status()).as("a link out of the folder").isIn(403, 404);
        Response page = front.get("/jobs/" + gated, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<!DOCTYPE html>");
    }

    private JsonNode awaitEnd(HttpTestClient client, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(TestServer.PATIENCE).until(() -> {
            last[0] = client.get("/jobs/" + id).json();
            return List.of("successful", "failed", "dismissed").contains(last[0].path("status").asText());
        });
        return last[0];
    }

    private Path sluiceConfig(int port, String basePath) throws IOException {
        release = dir.resolve("release");
        Path tiles = Files.createDirectories(dir.resolve("tiles"));
        Files.writeString(tiles.resolve("a.txt"), "tile a");
        Files.writeString(tiles.resolve(".secret"), "hidden");
        Files.writeString(dir.resolve("outside.txt"), "outside");
        Files.createSymbolicLink(tiles.resolve("outside.txt"), dir.resolve("outside.txt"));
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:%d", max-upload: 2MB, base-path: "%s", drain-timeout: 0s }
                storage: { data-dir: data }
                tasks:
                  count:
                    command: [sh, -c, "wc -c < \\"$1\\" | tr -d ' ' > \\"$2\\"", sh, "{data}", "{out}/bytes.txt"]
                    inputs:
                      data: { type: file, max-size: 2MB }
                    outputs:
                      bytes: { file: bytes.txt, type: number }
                  gate:
                    command: [sh, -c, "while [ ! -e \\"$1\\" ]; do sleep 0.05; done", sh, "%s"]
                static:
                  /tiles: { dir: tiles, cache: 1h }
                """.formatted(port, basePath, release));
        return config;
    }

    /** A whole nginx.conf around the block, with every path nginx writes inside {@code prefix}. */
    private static Path wrapper(String site, Path prefix) throws IOException {
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("sluice.conf"), site);
        boolean root = "root".equals(System.getProperty("user.name"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, (root ? "user root;\n" : "") + """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/sluice.conf;
                }
                """.formatted(prefix));
        return conf;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
