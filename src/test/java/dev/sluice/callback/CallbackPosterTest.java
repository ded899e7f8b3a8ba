package dev.sluice.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sluice.testing.TestCertificates;
import dev.sluice.tls.PemFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delivery goes to the checked address, yet HTTPS verifies the certificate against the URL's host name. */
class CallbackPosterTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private TestCertificates ca;
    private HttpsServer https;
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startHttpsReceiver() throws Exception {
        ca = TestCertificates.newAuthority("callback test CA");
        TestCertificates.Issued issued = ca.issue(dir);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("receiver", PemFiles.readKey(issued.key()), "pw".toCharArray(),
                PemFiles.readChain(issued.cert()).toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "pw".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 8);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        https.start();
    }

    @AfterEach
    void stopHttpsReceiver() {
        https.stop(0);
    }

    @Test
    void https_to_a_name_the_certificate_covers_is_delivered_with_that_host_header() throws Exception {
        try (CallbackPoster poster = new CallbackPoster(tls(ca.clientContext()))) {
            int status = poster.post(target("https://localhost:" + port() + "/hook"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(10));
            assertThat(status).isEqualTo(204);
        }
        assertThat(hosts).containsExactly("localhost:" + port());
        assertThat(bodies).containsExactly("{\"a\":1}");
    }

    @Test
    void https_to_a_name_the_certificate_does_not_cover_is_refused_although_the_address_is_the_same() {
        try (CallbackPoster poster = new CallbackPoster(tls(ca.clientContext()))) {
            assertThatThrownBy(() -> poster.post(target("https://receiver.test:" + port() + "/hook"), new byte[0], Duration.ofSeconds(10)))
                    .isInstanceOf(IOException.class).hasMessageContaining("receiver.test");
        }
        assertThat(bodies).isEmpty();
    }

    @Test
    void https_to_a_certificate_of_an_authority_not_trusted_is_refused() throws Exception {
        try (CallbackPoster poster = new CallbackPoster(tls(SSLContext.getDefault()))) {
            assertThatThrownBy(() -> poster.post(target("https://localhost:" + port() + "/hook"), new byte[0], Duration.ofSeconds(10)))
                    .isInstanceOf(IOException.class).hasMessageContaining("PKIX");
        }
        assertThat(bodies).isEmpty();
    }

    @Test
    void a_receiver_that_never_answers_ends_the_try_at_its_timeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 4, LOOPBACK); CallbackPoster poster = new CallbackPoster(tls(SSLContext.getDefault()))) {
            Thread accepter = Thread.ofVirtual().start(() -> {
                try (Socket held = silent.accept()) {
                    held.getInputStream().readAllBytes();
                } catch (IOException closed) {
                    // the poster gave up and closed its end
                }
            });
            assertThatThrownBy(() -> poster.post(target("http://127.0.0.1:" + silent.getLocalPort() + "/slow"), new byte[10],
                    Duration.ofMillis(300))).isInstanceOf(IOException.class);
            accepter.join(Duration.ofSeconds(30));
        }
    }

    private int port() {
        return https.getAddress().getPort();
    }

    private static CallbackTargets.Target target(String url) {
        URI uri = URI.create(url);
        return new CallbackTargets.Target(uri, uri.getHost(), LOOPBACK, uri.getPort(), uri.getScheme().equals("https"));
    }

    private static java.util.function.Supplier<SSLContext> tls(SSLContext context) {
        return () -> context;
    }
}
