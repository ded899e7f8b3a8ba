package dev.sluice.config;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * A task that answers an execute request synchronously (OGC's `sync-execute`): a request without
 * `Prefer: respond-async` waits up to `max-wait` for the job's end and gets its results; a job still running then is
 * answered as an asynchronous one (201 and its status).
 */
public record SyncConfig(Duration maxWait) {

    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    // why: a request held longer than a long poll (`Prefer: wait`, 60 s) outlives what proxies and clients wait for;
    // longer jobs are what the asynchronous execution is for
    public static final Duration LONGEST_MAX_WAIT = Duration.ofSeconds(60);

    public SyncConfig {
        maxWait = maxWait == null ? DEFAULT_MAX_WAIT : maxWait;
    }

    static void check(String at, SyncConfig sync, BiConsumer<String, String> problem) {
        if (sync == null) {
            return;
        }
        if (sync.maxWait().isNegative() || sync.maxWait().isZero() || sync.maxWait().compareTo(LONGEST_MAX_WAIT) > 0) {
            problem.accept(at + "/max-wait", "must be more than 0 and at most " + Durations.format(LONGEST_MAX_WAIT)
                    + " (default " + Durations.format(DEFAULT_MAX_WAIT) + "); a longer job is submitted asynchronously anyway,"
                    + " so leave `sync` out for it");
        }
    }
}
