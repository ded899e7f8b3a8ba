package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.acme.AcmeCertificates;
import dev.sluice.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** `server.tls.acme` against a real ACME server (pebble): issuance over HTTP-01, renewal, and a renewal that fails. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class AcmeIssuanceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private int plainPort;
    private Pebble pebble;
    private HttpsServer server;

    @BeforeEach
    void startPebble() throws IOException {
        ((Logger) LoggerFactory.getLogger(AcmeCertificates.class)).addAppender(lines);
        lines.start();
        plainPort = HttpsServer.freePort();
        pebble = Pebble.start(dir, plainPort);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        pebble.close();
        ((Logger) LoggerFactory.getLogger(AcmeCertificates.class)).detachAppender(lines);
    }

    @Test
    void a_certificate_is_obtained_over_http_01_and_served_with_its_chain() throws Exception {
        server = startServer("");

        await().atMost(PATIENCE).ignoreExceptions().until(() -> served() != null);
        HttpResponse<String> r = HttpsServer.get(HttpsServer.client(trustingPebbleRoot(), HttpClient.Version.HTTP_2), server.uri("/health"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        Path acme = dir.resolve("data/acme");
        for (String file : new String[] {"account.key", "domain.key", "chain.pem"}) {
            assertThat(Files.getPosixFilePermissions(acme.resolve(file))).as(file)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.getPosixFilePermissions(acme)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(messages()).noneMatch(e -> e.contains("PRIVATE KEY"));
    }

    @Test
    void a_certificate_inside_its_renewal_window_is_renewed_and_the_new_one_served() throws Exception {
        server = startServer("      renew-before: 36500d\n      check-every: 1s\n");

        await().atMost(PATIENCE).ignoreExceptions().until(() -> served() != null);
        String first = served();

        await().atMost(PATIENCE).ignoreExceptions().until(() -> !first.equals(served()));
    }

    @Test
    void a_renewal_that_fails_keeps_the_old_certificate_serving() throws Exception {
        server = startServer("      renew-before: 36500d\n      check-every: 1s\n");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> served() != null);
        SSLContext trust = trustingPebbleRoot();

        pebble.close();
        String before = servedWith(trust);
        int failedBefore = failures();
        await().atMost(PATIENCE).until(() -> failures() >= failedBefore + 2);

        assertThat(servedWith(trust)).as("the certificate served before, still trusted").isEqualTo(before);
        assertThat(messages()).anyMatch(e -> e.contains("event=acme-renewal-failed")
                && e.contains("stays"));
    }

    private HttpsServer startServer(String moreAcme) {
        return HttpsServer.start(dir, """
                    http-listen: 127.0.0.1:%d
                    acme:
                      domains: [localhost]
                      email: admin@localhost.example
                      directory: %s
                      trust: %s
                """.formatted(plainPort, pebble.directory(), pebble.httpsCa()) + moreAcme);
    }

    private int failures() {
        return (int) messages().stream().filter(e -> e.contains("event=acme-renewal-failed")).count();
    }

    /** The serial of the certificate served, when a client trusting pebble's root accepts it; null until then. */
    private String served() throws Exception {
        return servedWith(trustingPebbleRoot());
    }

    private String servedWith(SSLContext trust) throws IOException {
        return TestCertificates.servedSerial(trust, server.port());
    }

    private SSLContext trustingPebbleRoot() throws Exception {
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pebble.issuingRoot().getBytes(StandardCharsets.US_ASCII)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("pebble-root", root);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    // why: log lines arrive from the server's threads; logback appends under the appender's lock, so read under it too
    private java.util.List<String> messages() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
