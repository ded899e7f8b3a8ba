package dev.sluice.http;

import dev.sluice.app.SluiceServer;
import dev.sluice.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** A real Sluice server whose `server.tls` a test writes, on free loopback ports, and clients that verify its chain. */
final class HttpsServer implements AutoCloseable {

    private final SluiceServer server;

    private HttpsServer(SluiceServer server) {
        this.server = server;
    }

    /** Starts a server with {@code tlsYaml} as the body of `server.tls` (indented by four spaces). */
    static HttpsServer start(Path dir, String tlsYaml) {
        return start(dir, "", tlsYaml);
    }

    /** Like {@link #start(Path, String)}, with more `server` keys (indented by two spaces). */
    static HttpsServer start(Path dir, String serverYaml, String tlsYaml) {
        return start(dir, serverYaml, tlsYaml, "");
    }

    /** Like {@link #start(Path, String, String)}, with more top-level sections ({@code static}, not indented). */
    static HttpsServer start(Path dir, String serverYaml, String tlsYaml, String moreYaml) {
        try {
            String yaml = "server:\n  listen: 127.0.0.1:0\n  drain-timeout: 0s\n" + serverYaml + "  tls:\n" + tlsYaml
                    + "storage:\n  data-dir: data\ntasks:\n  echo: { command: [echo, hi] }\n" + moreYaml;
            return new HttpsServer(SluiceServer.start(new ConfigLoader().parse(yaml, "sluice.yaml", dir, Map.of())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.port();
    }

    URI uri(String path) {
        return URI.create("https://localhost:" + port() + path);
    }

    static HttpClient client(SSLContext trust, HttpClient.Version version) {
        return HttpClient.newBuilder().sslContext(trust).version(version).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static HttpResponse<String> get(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
