package dev.sluice.config;

import java.time.Duration;
import java.util.function.BiConsumer;

/** What makes `server.callbacks` unusable: a time or count that is not positive, an allowed block that is no block. */
final class CallbackChecks {

    // why: a delivery holds one of a few sender threads; one longer than this would hold it against every other job's
    static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(2);
    static final int MOST_ATTEMPTS = 20;

    private CallbackChecks() {
    }

    static void check(CallbacksConfig callbacks, BiConsumer<String, String> problem) {
        if (callbacks.timeout().toMillis() < 1 || callbacks.timeout().compareTo(LONGEST_TIMEOUT) > 0) {
            problem.accept("/server/callbacks/timeout", "must be more than 0 and at most 2m");
        }
        if (callbacks.attempts() < 1 || callbacks.attempts() > MOST_ATTEMPTS) {
            problem.accept("/server/callbacks/attempts", "must be from 1 to " + MOST_ATTEMPTS);
        }
        if (callbacks.giveUpAfter().toMillis() < 1) {
            problem.accept("/server/callbacks/give-up-after", "must be more than 0");
        }
        for (int i = 0; i < callbacks.allow().size(); i++) {
            int at = i;
            AddressRange.problemWith(callbacks.allow().get(i)).ifPresent(why -> problem.accept("/server/callbacks/allow/" + at, why));
        }
    }
}
