package dev.sluice.config;

import java.time.Duration;
import java.util.List;

/**
 * `server.callbacks: { enabled: true, timeout: 10s, attempts: 5, give-up-after: 10m, allow: [10.1.2.0/24] }`: whether an
 * execute request may name `subscriber` URLs that the server calls when its job starts, succeeds or fails; how long one
 * delivery may take, how often it is tried and for how long at most; and which address blocks that are refused by
 * default (loopback, private, link-local, ...) a callback may reach after all.
 */
public record CallbacksConfig(Boolean enabled, Duration timeout, Integer attempts, Duration giveUpAfter, List<String> allow) {

    public static final CallbacksConfig DEFAULT = new CallbacksConfig(null, null, null, null, null);

    public CallbacksConfig {
        enabled = enabled == null || enabled;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        attempts = attempts == null ? 5 : attempts;
        giveUpAfter = giveUpAfter == null ? Duration.ofMinutes(10) : giveUpAfter;
        allow = allow == null ? List.of() : List.copyOf(allow);
    }

    /** The allowed blocks, parsed; call only on a validated config. */
    public List<AddressRange> allowedRanges() {
        return allow.stream().map(text -> AddressRange.parse(text).orElseThrow()).toList();
    }
}
