package dev.sluice.queue;

import dev.sluice.SluiceException;
import java.time.Duration;

/** A submission refused for now (503): the client should try again after {@link #retryAfter()}. */
public class RetryLaterException extends SluiceException {

    private final Duration retryAfter;

    protected RetryLaterException(String type, String title, String detail, Duration retryAfter) {
        super(503, type, title, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
