package dev.sluice.acme;

import dev.sluice.config.AcmeConfig;
import dev.sluice.tls.CertificateSource;
import dev.sluice.tls.CertifiedKey;
import dev.sluice.tls.ChallengeTokens;
import dev.sluice.tls.PemFiles;
import dev.sluice.tls.TlsFileException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains the certificate for `server.tls.acme.domains` over HTTP-01 and renews it before it runs out. The chain and
 * keys live in data-dir/acme; a renewal that fails leaves the served certificate alone and is tried again later,
 * sooner at first, then at most every `check-every` (or when a rate limit says).
 */
public final class AcmeCertificates implements CertificateSource {

    private static final Logger log = LoggerFactory.getLogger(AcmeCertificates.class);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final AcmeConfig acme;
    private final AcmeFiles files;
    private final ChallengeTokens challenges;
    private final Clock clock;
    private final Consumer<CertifiedKey> apply;
    private volatile CertifiedKey served;
    private volatile boolean placeholder;
    private volatile boolean stale;
    private Thread loop;

    public AcmeCertificates(AcmeConfig acme, Path folder, ChallengeTokens challenges, Clock clock, Consumer<CertifiedKey> apply) {
        this.acme = acme;
        this.files = new AcmeFiles(folder);
        this.challenges = challenges;
        this.clock = clock;
        this.apply = apply;
    }

    @Override
    public CertifiedKey initial() {
        try {
            if (Files.exists(files.chainFile()) && Files.exists(files.domainKeyFile())) {
                CertifiedKey stored = CertifiedKey.read(files.chainFile(), files.domainKeyFile(), clock.instant());
                served = stored;
                // why: a domain added to the list needs a new certificate; the stored one serves the others meanwhile
                stale = !covers(stored.chain().get(0), acme.domains());
                if (stale) {
                    log.info("event=acme-domains-changed reason=\"the stored certificate does not name every configured domain\"");
                }
                return stored;
            }
        } catch (TlsFileException unusable) {
            log.warn("event=acme-stored-unusable reason=\"{}\" action=\"a new certificate is requested\"", unusable.getMessage());
        }
        placeholder = true;
        served = PlaceholderCertificate.forDomains(acme.domains(), clock.instant());
        return served;
    }

    @Override
    public void start() {
        loop = Thread.ofPlatform().name("acme-renewal").daemon().start(this::run);
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.interrupt();
        }
    }

    private void run() {
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            Duration wait = acme.checkEvery();
            try {
                if (due()) {
                    renew();
                }
                failures = 0;
            } catch (InterruptedException stop) {
                return;
            } catch (AcmeException | RuntimeException failed) {
                failures++;
                Duration backOff = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 10));
                wait = backOff.compareTo(acme.checkEvery()) < 0 ? backOff : acme.checkEvery();
                // why: asking again before a rate limit's Retry-After only adds to the count the CA holds against us
                if (failed instanceof AcmeRateLimitedException limited && limited.getRetryAfter().isPresent()) {
                    Duration told = Duration.between(clock.instant(), limited.getRetryAfter().get());
                    wait = told.compareTo(wait) > 0 ? told : wait;
                }
                log.error("event=acme-renewal-failed domains={} failures={} retry-in={}s reason=\"{}\" action=\"{}\"", acme.domains(),
                        failures, wait.toSeconds(), reasonOf(failed), placeholder ? "the placeholder certificate stays"
                                : "the certificate valid until " + served.notAfter() + " stays");
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    private static String reasonOf(Exception failed) {
        Throwable cause = failed.getCause();
        return failed.getMessage() + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : "");
    }

    private boolean due() {
        if (placeholder || stale) {
            return true;
        }
        Duration lifetime = Duration.between(served.notBefore(), served.notAfter());
        return clock.instant().isAfter(served.notAfter().minus(acme.renewBefore(lifetime)));
    }

    private void renew() throws AcmeException, InterruptedException {
        log.info("event=acme-order domains={} directory={}", acme.domains(), acme.directory());
        Session session = new Session(URI.create(acme.directory()), provider());
        KeyPair accountKey = files.keyPair(AcmeFiles.ACCOUNT_KEY);
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
        acme.emailIfAny().ifPresent(builder::addEmail);
        Account account = builder.create(session);
        Order order = account.newOrder().domains(acme.domains()).create();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() != Status.VALID) {
                authorize(authorization);
            }
        }
        order.waitUntilReady(PATIENCE);
        KeyPair domainKey = files.keyPair(AcmeFiles.DOMAIN_KEY);
        order.execute(domainKey);
        Status status = order.waitForCompletion(PATIENCE);
        if (status != Status.VALID) {
            throw new AcmeException("the order ended " + status + order.getError().map(p -> ": " + p).orElse(""));
        }
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        CertifiedKey issued = new CertifiedKey(chain, domainKey.getPrivate());
        try {
            issued.check(files.chainFile(), files.domainKeyFile(), clock.instant());
        } catch (TlsFileException unusable) {
            throw new AcmeException("the issued certificate cannot be served: " + unusable.getMessage());
        }
        files.writeChain(chain);
        apply.accept(issued);
        served = issued;
        placeholder = false;
        stale = false;
        log.info("event=acme-issued domains={} serial={} not-after={}", acme.domains(), issued.serial(), issued.notAfter());
    }

    private void authorize(Authorization authorization) throws AcmeException, InterruptedException {
        String domain = authorization.getIdentifier().getDomain();
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                .orElseThrow(() -> new AcmeException("the ACME server offers no http-01 challenge for " + domain));
        challenges.add(challenge.getToken(), challenge.getAuthorization());
        try {
            challenge.trigger();
            Status status = authorization.waitForCompletion(PATIENCE);
            if (status != Status.VALID) {
                throw new AcmeException("the ACME server could not validate " + domain + " over http-01"
                        + challenge.getError().map(p -> ": " + p.getDetail().orElse(p.toString())).orElse("")
                        + " (is http-listen reachable on port 80 of that name?)");
            }
        } finally {
            challenges.remove(challenge.getToken());
        }
    }

    private GenericAcmeProvider provider() {
        if (acme.trustPath().isEmpty()) {
            return new GenericAcmeProvider();
        }
        try {
            return new TrustingAcmeProvider(PemFiles.readChain(acme.trustPath().get()));
        } catch (TlsFileException unreadable) {
            throw new IllegalStateException("server.tls.acme.trust: " + unreadable.getMessage());
        }
    }

    private static boolean covers(X509Certificate cert, List<String> domains) {
        Set<String> named = new HashSet<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                cert.getSubjectAlternativeNames().forEach(entry -> named.add(String.valueOf(entry.get(1))));
            }
        } catch (CertificateParsingException unreadable) {
            return false;
        }
        return named.containsAll(domains);
    }
}
