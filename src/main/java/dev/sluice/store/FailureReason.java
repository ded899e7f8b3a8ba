package dev.sluice.store;

import java.util.Locale;

/** Why a job failed (or, for `expired`, was dismissed unstarted), as a closed set that clients can act on. */
public enum FailureReason {
    EXIT_CODE, TIMEOUT, MEMORY, CRASHED, INTERRUPTED, INVALID_OUTPUT, PREFLIGHT, LAUNCH, DISK_FULL, INTERNAL, EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FailureReason fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
