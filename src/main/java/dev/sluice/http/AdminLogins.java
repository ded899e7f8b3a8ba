package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.config.AuthConfig;
import dev.sluice.config.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the admin's HTTP Basic credentials. A password check costs a deliberate tenth of a second of CPU, so only
 * successes are remembered, wrong guesses are throttled per client address, few checks run at once, and a wrong
 * user name costs the same as a wrong password (its answer time tells nothing).
 */
final class AdminLogins {

    private static final Logger log = LoggerFactory.getLogger(AdminLogins.class);
    private static final int REMEMBERED_LOGINS = 64;
    private static final Duration REMEMBERED_FOR = Duration.ofHours(12);
    private static final char[] NO_PASSWORD = new char[0];

    private final Optional<AuthConfig.AdminCredentials> admin;
    private final Optional<PasswordHash> password;
    private final Clock clock;
    private final FailedLogins failures;
    private final Semaphore checking = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);
    private final Map<String, Instant> successes = new ConcurrentHashMap<>();

    AdminLogins(AuthConfig auth, Clock clock) {
        this.admin = auth.adminIfAny();
        this.password = admin.flatMap(a -> PasswordHash.parse(a.passwordHash()));
        this.clock = clock;
        this.failures = new FailedLogins(clock);
    }

    /** Whether these credentials passed a check before (no new check: job routes must not be a way to run one). */
    boolean known(String basic) {
        Instant until = successes.get(Callers.keyOf(basic));
        return until != null && until.isAfter(clock.instant());
    }

    /** Checks the credentials, or refuses with 429 an address that has guessed wrong too often. */
    boolean check(String basic, String address) {
        if (admin.isEmpty() || password.isEmpty()) {
            return false;
        }
        if (known(basic)) {
            return true;
        }
        Optional<Duration> wait = failures.waitFor(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + 1);
            throw new SluiceException(429, "too-many-failed-logins", "Too many failed logins",
                    "wrong admin credentials were sent from this address " + FailedLogins.ALLOWED + " times within "
                            + FailedLogins.WINDOW.toMinutes() + " minutes; try again in " + seconds + " s",
                    Map.of("retryAfter", seconds));
        }
        checking.acquireUninterruptibly();
        boolean ok;
        try {
            ok = matches(basic);
        } finally {
            checking.release();
        }
        if (ok) {
            remember(basic);
        } else {
            failures.failed(address);
            if (failures.waitFor(address).isPresent()) {
                // why: once per throttling, not per refused guess; behind a trusted proxy this names the real client
                log.warn("event=admin-logins-throttled client={} failures={} window={}m", address, FailedLogins.ALLOWED,
                        FailedLogins.WINDOW.toMinutes());
            }
        }
        return ok;
    }

    private boolean matches(String basic) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        String user = colon > 0 ? decoded.substring(0, colon) : "";
        char[] given = colon > 0 ? decoded.substring(colon + 1).toCharArray() : NO_PASSWORD;
        // why: the hash is computed whatever the user name, so a right name answers no slower than a wrong one
        boolean passwordOk = password.get().matches(given);
        boolean userOk = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                admin.get().user().getBytes(StandardCharsets.UTF_8));
        return passwordOk & userOk;
    }

    private void remember(String basic) {
        Instant now = clock.instant();
        successes.values().removeIf(until -> !until.isAfter(now));
        if (successes.size() < REMEMBERED_LOGINS) {
            successes.put(Callers.keyOf(basic), now.plus(REMEMBERED_FOR));
        }
    }
}
