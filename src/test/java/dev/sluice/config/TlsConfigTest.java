package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.TestCertificates;
import dev.sluice.testing.TestCertificates.KeyFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `server.tls`: the files it names are read and checked when the config is, and every problem names its key and line. */
class TlsConfigTest {

    private static final String TASKS = "tasks:\n  echo: { command: [echo] }\n";
    private static final TestCertificates CA = TestCertificates.newAuthority("Sluice Test CA");

    @TempDir
    Path dir;

    @Test
    void the_files_are_taken_from_the_config_folder_and_hsts_has_defaults() throws Exception {
        CA.issue(dir.resolve("live"));
        TlsConfig tls = ConfigTexts.parse(dir, """
                server:
                  tls:
                    cert: live/fullchain.pem
                    key: live/privkey.pem
                    hsts: {}
                    http-listen: 0.0.0.0:80
                """ + TASKS).server().tls();

        assertThat(tls.certPath()).hasValue(dir.resolve("live/fullchain.pem"));
        assertThat(tls.keyPath()).hasValue(dir.resolve("live/privkey.pem"));
        assertThat(tls.hsts().headerValue()).isEqualTo("max-age=31536000");
        assertThat(tls.plainListener()).hasValue(new Listen("0.0.0.0", 80));
    }

    @ParameterizedTest
    @CsvSource({"RSA, PKCS8", "RSA, TRADITIONAL", "EC, PKCS8", "EC, TRADITIONAL"})
    void rsa_and_ec_keys_are_read_in_pkcs8_and_in_their_traditional_form(String algorithm, KeyFormat format) throws Exception {
        TestCertificates.Issued issued = CA.issue(dir.resolve("live"), algorithm, format, Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)));
        String expectedHeader = format == KeyFormat.PKCS8 ? "-----BEGIN PRIVATE KEY-----" : "-----BEGIN " + algorithm + " PRIVATE KEY-----";
        assertThat(Files.readString(issued.key())).startsWith(expectedHeader);

        TlsConfig tls = ConfigTexts.parse(dir, "server:\n  tls: { cert: live/fullchain.pem, key: live/privkey.pem }\n" + TASKS)
                .server().tls();

        assertThat(tls.enabled()).isTrue();
    }

    @Test
    void missing_files_are_named_with_their_key_and_line() {
        assertThat(ConfigTexts.problems(dir, """
                server:
                  tls:
                    cert: live/fullchain.pem
                    key: live/privkey.pem
                """ + TASKS)).singleElement().asString()
                .isEqualTo("sluice.yaml:3: server.tls.cert: " + dir.resolve("live/fullchain.pem") + " does not exist");
    }

    @Test
    void a_key_that_does_not_belong_to_the_certificate_is_named() throws Exception {
        CA.issue(dir.resolve("live"));
        Files.copy(CA.issue(dir.resolve("other")).key(), dir.resolve("live/privkey.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(ConfigTexts.problems(dir, """
                server:
                  tls:
                    cert: live/fullchain.pem
                    key: live/privkey.pem
                """ + TASKS)).singleElement().asString()
                .startsWith("sluice.yaml:4: server.tls.key: ").contains("is not the key of the certificate");
    }

    @Test
    void an_expired_certificate_is_refused() {
        CA.issue(dir.resolve("live"), "EC", KeyFormat.PKCS8, Instant.now().minus(Duration.ofDays(90)), Instant.now().minus(Duration.ofDays(1)));

        assertThat(ConfigTexts.problems(dir, "server:\n  tls:\n    cert: live/fullchain.pem\n    key: live/privkey.pem\n" + TASKS))
                .singleElement().asString().startsWith("sluice.yaml:3: server.tls.cert: ").contains("expired at");
    }

    @Test
    void a_file_that_is_not_pem_is_named() throws Exception {
        CA.issue(dir.resolve("live"));
        Files.write(dir.resolve("live/privkey.pem"), new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xff});

        assertThat(ConfigTexts.problems(dir, "server:\n  tls:\n    cert: live/fullchain.pem\n    key: live/privkey.pem\n" + TASKS))
                .singleElement().asString().startsWith("sluice.yaml:4: server.tls.key: ").contains("is not PEM text");
    }

    @Test
    void settings_that_cannot_work_are_each_named() {
        assertThat(ConfigTexts.problems(dir, """
                server:
                  listen: 127.0.0.1:8443
                  tls:
                    acme:
                      domains: [jobs.example.org, "*.example.org", 10.0.0.1]
                      email: "a@b, c@d"
                      directory: http://acme.example/directory
                      check-every: 0s
                """ + TASKS)).containsExactlyInAnyOrder(
                "sluice.yaml:5: server.tls.acme.domains[1]: '*.example.org' is not a lower-case domain name such as jobs.example.org"
                        + " (wildcards and IP addresses cannot be validated over HTTP)",
                "sluice.yaml:5: server.tls.acme.domains[2]: '10.0.0.1' is not a lower-case domain name such as jobs.example.org"
                        + " (wildcards and IP addresses cannot be validated over HTTP)",
                "sluice.yaml:6: server.tls.acme.email: 'a@b, c@d' is not one e-mail address",
                "sluice.yaml:7: server.tls.acme.directory: 'http://acme.example/directory' is not an https URL of an ACME directory",
                "sluice.yaml:8: server.tls.acme.check-every: must be at least 1s",
                "sluice.yaml:4: server.tls.acme: needs http-listen (usually 0.0.0.0:80): the ACME server checks each domain over plain"
                        + " HTTP on port 80");
    }

    @Test
    void hsts_without_a_certificate_and_a_plain_listener_on_the_https_port_are_refused() throws Exception {
        assertThat(ConfigTexts.problems(dir, "server:\n  tls:\n    hsts: { max-age: 1d }\n" + TASKS))
                .containsExactly("sluice.yaml:2: server.tls: needs a certificate: cert and key (PEM files), or acme");
        CA.issue(dir.resolve("live"));
        assertThat(ConfigTexts.problems(dir, """
                server:
                  listen: 127.0.0.1:8443
                  tls: { cert: live/fullchain.pem, key: live/privkey.pem, http-listen: "127.0.0.1:8443" }
                """ + TASKS)).singleElement().asString()
                .startsWith("sluice.yaml:3: server.tls.http-listen: uses the port of server.listen");
    }

    @Test
    void the_tls_keys_can_be_set_from_the_environment() throws Exception {
        CA.issue(dir.resolve("live"));
        TlsConfig tls = new ConfigLoader().parse(TASKS, "sluice.yaml", dir, java.util.Map.of(
                "SLUICE_SERVER_TLS_CERT", "live/fullchain.pem", "SLUICE_SERVER_TLS_KEY", "live/privkey.pem",
                "SLUICE_SERVER_TLS_HTTP_LISTEN", "0.0.0.0:8081", "SLUICE_SERVER_TLS_HSTS_MAX_AGE", "1d")).server().tls();

        assertThat(tls.certPath()).hasValue(dir.resolve("live/fullchain.pem"));
        assertThat(tls.plainListener()).hasValue(new Listen("0.0.0.0", 8081));
        assertThat(tls.hsts().headerValue()).isEqualTo("max-age=86400");
    }

    @Test
    void a_cert_without_its_key_is_refused() {
        assertThat(ConfigTexts.problems(dir, "server:\n  tls:\n    cert: fullchain.pem\n" + TASKS))
                .containsExactly("sluice.yaml:2: server.tls.key: is required with cert: the private key file (privkey.pem)");
    }
}
