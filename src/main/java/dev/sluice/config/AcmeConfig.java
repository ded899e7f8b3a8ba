package dev.sluice.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * `server.tls.acme`: the certificate for `domains` is obtained from the ACME server at `directory` (Let's Encrypt
 * by default) and renewed once less than `renew-before` of it remains, checked every `check-every`. `trust` names a
 * PEM file of the CA that signed a private ACME server's own https certificate.
 */
public record AcmeConfig(List<String> domains, String email, String directory, String trust, Duration renewBefore,
                         Duration checkEvery) {

    public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";

    public AcmeConfig {
        domains = domains == null ? List.of() : List.copyOf(domains);
        directory = directory == null ? LETS_ENCRYPT : directory.trim();
        checkEvery = checkEvery == null ? Duration.ofHours(12) : checkEvery;
    }

    public Optional<String> emailIfAny() {
        return Optional.ofNullable(email).filter(e -> !e.isBlank());
    }

    public Optional<Path> trustPath() {
        return Optional.ofNullable(trust).map(Path::of);
    }

    /** How much validity must remain; by default a third of the certificate's lifetime, at most 30 days. */
    public Duration renewBefore(Duration lifetime) {
        if (renewBefore != null) {
            return renewBefore;
        }
        Duration third = lifetime.dividedBy(3);
        return third.compareTo(Duration.ofDays(30)) < 0 ? third : Duration.ofDays(30);
    }
}
