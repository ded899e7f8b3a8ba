package dev.sluice.tls;

import dev.sluice.supervision.PeriodicLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a certificate and key file pair and hands a new, checked pair on when their contents change (certbot
 * renews by pointing the symlinks in live/ at new files). A pair that fails its checks is reported once and the
 * one being served stays.
 * why: polling the contents sees a replaced symlink as well as a rewritten file, where a directory watch would
 * have to follow every link; the files are a few KB.
 */
public final class CertificateFileWatch implements CertificateSource {

    private static final Logger log = LoggerFactory.getLogger(CertificateFileWatch.class);
    private static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final Path certFile;
    private final Path keyFile;
    private final Clock clock;
    private final Consumer<CertifiedKey> apply;
    private final Duration every;
    private byte[] served;
    private byte[] pending;
    private byte[] refused;
    private CertifiedKey current;
    private java.time.Instant lastExpiryWarning;
    private PeriodicLoop loop;

    public CertificateFileWatch(Path certFile, Path keyFile, Duration every, Clock clock, Consumer<CertifiedKey> apply) {
        this.every = every;
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.clock = clock;
        this.apply = apply;
    }

    /** Reads the pair once, for the server to start with; a problem here stops the start. */
    @Override
    public CertifiedKey initial() throws TlsFileException {
        byte[] before = fingerprint();
        CertifiedKey pair = CertifiedKey.read(certFile, keyFile, clock.instant());
        served = before;
        current = pair;
        return pair;
    }

    @Override
    public void start() {
        loop = PeriodicLoop.start("tls-file-watch", every, this::check);
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    synchronized void check() {
        warnIfExpiring();
        byte[] now = fingerprint();
        if (now == null || Arrays.equals(now, served)) {
            pending = null;
            return;
        }
        // why: certbot replaces the two links one after the other; a pair is read only once it held still for one period
        if (!Arrays.equals(now, pending)) {
            pending = now;
            return;
        }
        if (Arrays.equals(now, refused)) {
            return;
        }
        try {
            CertifiedKey pair = CertifiedKey.read(certFile, keyFile, clock.instant());
            apply.accept(pair);
            served = now;
            refused = null;
            current = pair;
            lastExpiryWarning = null;
            log.info("event=tls-reloaded cert={} subject=\"{}\" serial={} not-after={}", certFile, pair.subject(), pair.serial(),
                    pair.notAfter());
        } catch (TlsFileException broken) {
            refused = now;
            log.error("event=tls-reload-refused cert={} key={} reason=\"{}\" action=\"the certificate served before stays\"",
                    certFile, keyFile, broken.getMessage());
        }
    }

    // why: a renewal that keeps failing (certbot's timer off, a DNS change) shows here days before clients refuse
    private void warnIfExpiring() {
        java.time.Instant now = clock.instant();
        Duration left = Duration.between(now, current.notAfter());
        if (left.compareTo(EXPIRY_WARNING) < 0 && (lastExpiryWarning == null || lastExpiryWarning.plus(Duration.ofDays(1)).isBefore(now))) {
            lastExpiryWarning = now;
            log.warn("event=tls-certificate-expiring cert={} not-after={} hours-left={} reason=\"{}\"", certFile, current.notAfter(),
                    left.toHours(), left.isNegative() ? "it has expired: clients refuse it" : "it has not been renewed yet");
        }
    }

    /** A digest of both files' contents, or null while one of them cannot be read (in the middle of a swap). */
    private byte[] fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(certFile));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(keyFile));
            return digest.digest();
        } catch (IOException unreadable) {
            return null;
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
