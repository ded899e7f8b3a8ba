package dev.sluice.http;

import dev.sluice.acme.AcmeCertificates;
import dev.sluice.config.ServerConfig;
import dev.sluice.tls.CertificateFileWatch;
import dev.sluice.tls.CertificateSource;
import dev.sluice.tls.CertifiedKey;
import dev.sluice.tls.ChallengeTokens;
import dev.sluice.tls.TlsFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What `server.tls` puts around the main listener: the TLS context, the source that keeps its certificate fresh
 * (watched files or ACME), and the plain listener that redirects to https and answers ACME challenges.
 */
final class HttpsEdge {

    private static final Logger log = LoggerFactory.getLogger(HttpsEdge.class);
    // why: a few KB read every few seconds; certbot's renewal shows within one period and a half
    static final Duration FILE_CHECK_EVERY = Duration.ofSeconds(2);

    private final ServerConfig server;
    private final ChallengeTokens challenges = new ChallengeTokens();
    private final CertificateSource source;
    private final SslContextFactory.Server ssl;
    private PlainHttpRedirect plain;

    private HttpsEdge(ServerConfig server, Path dataDir, Clock clock) {
        this.server = server;
        this.source = server.tls().acmeIfAny()
                .<CertificateSource>map(acme -> new AcmeCertificates(acme, dataDir.resolve("acme"), challenges, clock, this::serve))
                .orElseGet(() -> new CertificateFileWatch(server.tls().certPath().orElseThrow(), server.tls().keyPath().orElseThrow(),
                        FILE_CHECK_EVERY, clock, this::serve));
        CertifiedKey first;
        try {
            first = source.initial();
        } catch (TlsFileException bad) {
            throw new IllegalStateException("server.tls." + bad.part().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + bad.getMessage());
        }
        this.ssl = HttpsConnectionFactories.sslContext(first);
        log.info("event=tls-certificate subject=\"{}\" serial={} not-after={}", first.subject(), first.serial(), first.notAfter());
    }

    // why: called by the source only after start(), when the TLS context exists
    private void serve(CertifiedKey pair) {
        HttpsConnectionFactories.reload(ssl, pair);
    }

    /** The edge of this server, when `server.tls` is set. */
    static Optional<HttpsEdge> of(ServerConfig server, Path dataDir, Clock clock) {
        return server.tls().enabled() ? Optional.of(new HttpsEdge(server, dataDir, clock)) : Optional.empty();
    }

    SslContextFactory.Server ssl() {
        return ssl;
    }

    /** Starts the plain listener, then the certificate source (ACME needs the listener for its challenges). */
    void start(int httpsPort) {
        server.tls().plainListener().ifPresent(listen -> {
            plain = new PlainHttpRedirect(listen, httpsPort, server, challenges);
            plain.start();
        });
        source.start();
    }

    void stop() {
        source.stop();
        if (plain != null) {
            plain.stop();
        }
    }
}
