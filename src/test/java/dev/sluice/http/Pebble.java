package dev.sluice.http;

import static org.awaitility.Awaitility.await;

import dev.sluice.testing.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Debian's pebble (a small ACME server for tests) on free loopback ports, serving https with a certificate from
 * the test's own CA, validating HTTP-01 challenges against {@code httpPort}. Stopped by its PID.
 */
final class Pebble implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int managementPort;
    private final TestCertificates ca;
    private final Path caFile;

    private Pebble(Process process, int port, int managementPort, TestCertificates ca, Path caFile) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.ca = ca;
        this.caFile = caFile;
    }

    static Pebble start(Path dir, int httpPort) throws IOException {
        TestCertificates ca = TestCertificates.newAuthority("Pebble's https CA");
        TestCertificates.Issued https = ca.issue(dir.resolve("pebble"));
        Path caFile = dir.resolve("pebble/https-ca.pem");
        Files.writeString(caFile, TestCertificates.pem(ca.certificate()));
        int port = HttpsServer.freePort();
        int managementPort = HttpsServer.freePort();
        Path config = dir.resolve("pebble/config.json");
        Files.writeString(config, """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(port, managementPort, https.cert(), https.key(), httpPort, HttpsServer.freePort()));
        ProcessBuilder builder = new ProcessBuilder("pebble", "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("pebble/pebble.log").toFile());
        // why: no random sleep before a validation, and no nonce refused on purpose: the test waits on outcomes, not luck
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        Pebble pebble = new Pebble(builder.start(), port, managementPort, ca, caFile);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> pebble.get(pebble.directory()).statusCode() == 200);
        return pebble;
    }

    URI directory() {
        return URI.create("https://localhost:" + port + "/dir");
    }

    /** The PEM file of the CA behind pebble's own https certificate (what acme4j is told to trust). */
    Path httpsCa() {
        return caFile;
    }

    /** The root that signs the certificates pebble issues (new on every start of pebble). */
    String issuingRoot() {
        return get(URI.create("https://localhost:" + managementPort + "/roots/0")).body();
    }

    private HttpResponse<String> get(URI uri) {
        SSLContext trust = ca.clientContext();
        return HttpsServer.get(HttpClient.newBuilder().sslContext(trust).build(), uri);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
