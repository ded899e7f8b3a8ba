package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.testing.TestCertificates;
import dev.sluice.tls.CertificateFileWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The certificate files change as certbot changes them (new files, the links in live/ swapped): new handshakes see it. */
class CertificateReloadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final TestCertificates ca = TestCertificates.newAuthority("Sluice Test CA");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private HttpsServer server;
    private TestCertificates.Issued first;

    @BeforeEach
    void startServer() throws IOException {
        ((Logger) LoggerFactory.getLogger(CertificateFileWatch.class)).addAppender(lines);
        lines.start();
        first = ca.issue(dir.resolve("archive/1"));
        Files.createDirectories(dir.resolve("live"));
        link(first);
        server = HttpsServer.start(dir, "    cert: live/fullchain.pem\n    key: live/privkey.pem\n");
    }

    @AfterEach
    void stopServer() {
        server.close();
        ((Logger) LoggerFactory.getLogger(CertificateFileWatch.class)).detachAppender(lines);
    }

    @Test
    void a_renewed_certificate_is_served_to_new_handshakes_without_a_restart() throws Exception {
        assertThat(servedSerial()).isEqualTo(first.serial());

        TestCertificates.Issued renewed = ca.issue(dir.resolve("archive/2"));
        link(renewed);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(this::servedSerial, renewed.serial()::equals);
    }

    @Test
    void a_broken_replacement_is_refused_and_the_old_certificate_stays() throws Exception {
        TestCertificates.Issued other = ca.issue(dir.resolve("archive/other"));
        TestCertificates.Issued broken = ca.issue(dir.resolve("archive/2"));
        Files.copy(other.key(), broken.key(), StandardCopyOption.REPLACE_EXISTING);
        link(broken);

        await().atMost(PATIENCE).until(() -> messages().stream().anyMatch(e -> e.contains("event=tls-reload-refused")
                && e.contains("is not the key of the certificate")));
        assertThat(servedSerial()).isEqualTo(first.serial());

        TestCertificates.Issued fixed = ca.issue(dir.resolve("archive/3"));
        link(fixed);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(this::servedSerial, fixed.serial()::equals);
    }

    @Test
    void a_certificate_close_to_its_end_is_warned_about_once_and_again_after_a_reload_that_did_not_help() throws Exception {
        await().atMost(PATIENCE).until(() -> expiryWarnings() == 1);

        // why: the reload takes at least two more passes of the watch, which must not repeat the warning
        TestCertificates.Issued alsoShort = ca.issue(dir.resolve("archive/2"));
        link(alsoShort);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(this::servedSerial, alsoShort.serial()::equals);
        await().atMost(PATIENCE).until(() -> expiryWarnings() >= 2);

        assertThat(expiryWarnings()).isEqualTo(2);
    }

    private long expiryWarnings() {
        return messages().stream().filter(e -> e.contains("event=tls-certificate-expiring")).count();
    }

    /** Points live/ at the files of {@code issued}, replacing each link in one rename, as certbot does. */
    private void link(TestCertificates.Issued issued) throws IOException {
        for (Path target : new Path[] {issued.cert(), issued.key()}) {
            Path live = dir.resolve("live").resolve(target.getFileName());
            Path fresh = dir.resolve("live").resolve(target.getFileName() + ".new");
            Files.deleteIfExists(fresh);
            Files.createSymbolicLink(fresh, dir.resolve("live").relativize(target));
            Files.move(fresh, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The serial number of the certificate a fresh handshake (a new client context, no session to resume) is given. */
    private String servedSerial() throws IOException {
        return TestCertificates.servedSerial(ca.clientContext(), server.port());
    }

    // why: log lines arrive from the server's threads; logback appends under the appender's lock, so read under it too
    private java.util.List<String> messages() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
