package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `server.tls` from PEM files: real handshakes by clients that trust only the test's own CA. */
class HttpsServingTest {

    @TempDir
    Path dir;

    private final TestCertificates ca = TestCertificates.newAuthority("Sluice Test CA");
    private TestCertificates.Issued issued;
    private int plainPort;
    private HttpsServer server;

    @BeforeEach
    void startServer() {
        issued = ca.issue(dir.resolve("live"));
        plainPort = HttpsServer.freePort();
        server = HttpsServer.start(dir, """
                    cert: live/fullchain.pem
                    key: live/privkey.pem
                    hsts: { max-age: 365d, include-subdomains: true }
                    http-listen: 127.0.0.1:%d
                """.formatted(plainPort));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void req_core_http_answers_http_1_1_over_tls_with_the_configured_certificate() throws Exception {
        HttpResponse<String> r = HttpsServer.get(HttpsServer.client(ca.clientContext(), HttpClient.Version.HTTP_1_1), server.uri("/health"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(r.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(((java.security.cert.X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber())
                .isEqualTo(issued.leaf().getSerialNumber());
    }

    @Test
    void negotiates_http_2_by_alpn() {
        HttpResponse<String> r = HttpsServer.get(HttpsServer.client(ca.clientContext(), HttpClient.Version.HTTP_2), server.uri("/health"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void a_client_that_does_not_trust_the_ca_is_refused_by_its_own_check() {
        HttpClient untrusting = HttpsServer.client(TestCertificates.newAuthority("Another CA").clientContext(), HttpClient.Version.HTTP_2);

        assertThatThrownBy(() -> HttpsServer.get(untrusting, server.uri("/health"))).hasCauseInstanceOf(SSLHandshakeException.class)
                .rootCause().hasMessageContaining("unable to find valid certification path");
    }

    @Test
    void a_same_origin_submission_over_http_2_passes_the_cross_site_check() throws Exception {
        HttpClient client = HttpsServer.client(ca.clientContext(), HttpClient.Version.HTTP_2);
        java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(server.uri("/processes/echo/execution"))
                .header("Content-Type", "application/json").header("Origin", "https://localhost:" + server.port())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}")).build();
        java.net.http.HttpRequest foreign = java.net.http.HttpRequest.newBuilder(server.uri("/processes/echo/execution"))
                .header("Content-Type", "application/json").header("Origin", "https://elsewhere.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}")).build();

        HttpResponse<String> same = client.send(post, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = client.send(foreign, HttpResponse.BodyHandlers.ofString());

        assertThat(same.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(same.statusCode()).as(same.body()).isEqualTo(201);
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    void https_responses_carry_hsts() {
        HttpResponse<String> ok = HttpsServer.get(HttpsServer.client(ca.clientContext(), HttpClient.Version.HTTP_2), server.uri("/health"));
        HttpResponse<String> missing = HttpsServer.get(HttpsServer.client(ca.clientContext(), HttpClient.Version.HTTP_1_1),
                server.uri("/no-such-page"));

        assertThat(ok.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
    }

    @Test
    void the_plain_listener_redirects_to_the_same_path_and_query_over_https_without_hsts() {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> r = HttpsServer.get(plain, URI.create("http://localhost:" + plainPort + "/jobs?state=running&x=%2F"));

        assertThat(r.statusCode()).isEqualTo(308);
        assertThat(r.headers().firstValue("Location")).hasValue("https://localhost:" + server.port() + "/jobs?state=running&x=%2F");
        assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void following_the_redirect_reaches_the_https_listener() {
        HttpClient following = HttpClient.newBuilder().sslContext(ca.clientContext()).followRedirects(HttpClient.Redirect.ALWAYS).build();
        HttpResponse<String> r = HttpsServer.get(following, URI.create("http://localhost:" + plainPort + "/health"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.uri().getScheme()).isEqualTo("https");
    }

    @Test
    void the_plain_listener_refuses_a_host_header_that_could_point_elsewhere() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(plainPort, "GET / HTTP/1.1\r\nHost: a_b.example\r\nConnection: close\r\n\r\n",
                new byte[0]);

        assertThat(answer.statusLine()).startsWith("HTTP/1.1 400");
        assertThat(answer.head()).doesNotContainIgnoringCase("Location");
    }

    @Test
    void an_unknown_acme_challenge_is_not_found() {
        HttpClient plain = HttpClient.newBuilder().build();
        HttpResponse<String> r = HttpsServer.get(plain, URI.create("http://localhost:" + plainPort
                + "/.well-known/acme-challenge/no-such-token"));

        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void tls_1_1_is_refused_while_tls_1_2_is_served() throws Exception {
        assertThat(openssl("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")).as("TLS 1.1 handshake").isNotEqualTo(0);
        assertThat(openssl("-tls1_2")).as("TLS 1.2 handshake").isEqualTo(0);
    }

    @Test
    void cbc_ciphers_and_rsa_key_exchange_are_refused() throws Exception {
        assertThat(openssl("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA")).as("CBC with SHA-1").isNotEqualTo(0);
        assertThat(openssl("-tls1_2", "-cipher", "AES128-GCM-SHA256")).as("RSA key exchange").isNotEqualTo(0);
        assertThat(openssl("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256")).as("ECDHE with AES-GCM").isEqualTo(0);
    }

    @Test
    void a_host_header_the_certificate_does_not_name_gets_400() throws Exception {
        Path caFile = dir.resolve("ca.pem");
        java.nio.file.Files.writeString(caFile, TestCertificates.pem(ca.certificate()));
        Process p = new ProcessBuilder("openssl", "s_client", "-quiet", "-connect", "127.0.0.1:" + server.port(), "-servername",
                "localhost", "-CAfile", caFile.toString(), "-verify_return_error").redirectError(dir.resolve("err.txt").toFile()).start();
        p.getOutputStream().write("GET /health HTTP/1.1\r\nHost: other.example\r\nConnection: close\r\n\r\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        String answer = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
    }

    /** The exit status of a handshake by openssl s_client that checks the chain against the test CA. */
    private int openssl(String... options) throws Exception {
        Path caFile = dir.resolve("ca.pem");
        java.nio.file.Files.writeString(caFile, TestCertificates.pem(ca.certificate()));
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                "-servername", "localhost", "-CAfile", caFile.toString(), "-verify_return_error"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
