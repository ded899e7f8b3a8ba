package dev.sluice.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Wrong admin passwords per client address: after a few within a window, the address is refused without a check
 * until the oldest of them ages out, so guessing is slow and failed checks cannot keep the processors busy.
 */
final class FailedLogins {

    static final int ALLOWED = 10;
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int REMEMBERED_ADDRESSES = 10_000;

    private final Clock clock;
    // why: access order, so that when the map is full the address heard from least recently is forgotten
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > REMEMBERED_ADDRESSES;
        }
    };

    FailedLogins(Clock clock) {
        this.clock = clock;
    }

    /** How long this address must wait before its next check, if it has used up its failures. */
    synchronized Optional<Duration> waitFor(String address) {
        Deque<Instant> recent = failures.get(address);
        if (recent == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        dropExpired(recent, now);
        if (recent.isEmpty()) {
            failures.remove(address);
            return Optional.empty();
        }
        if (recent.size() < ALLOWED) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, recent.peekFirst().plus(WINDOW));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    synchronized void failed(String address) {
        Instant now = clock.instant();
        Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        dropExpired(recent, now);
        recent.addLast(now);
        while (recent.size() > ALLOWED) {
            recent.removeFirst();
        }
    }

    private static void dropExpired(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.removeFirst();
        }
    }
}
