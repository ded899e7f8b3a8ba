package dev.sluice.queue;

import dev.sluice.SluiceException;
import java.time.Duration;

/** The queue already holds as many waiting jobs as its `max-waiting` allows. */
public final class QueueFullException extends SluiceException {

    private final Duration retryAfter;

    public QueueFullException(String queue, int maxWaiting, Duration retryAfter) {
        super(503, "queue-full", "Queue full",
                "queue '" + queue + "' already has " + maxWaiting + " jobs waiting (its max-waiting); try again later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
