package dev.sluice.queue;

import java.time.Duration;

/** The queue already holds as many waiting jobs as its `max-waiting` allows. */
public final class QueueFullException extends RetryLaterException {

    public QueueFullException(String queue, int maxWaiting, Duration retryAfter) {
        super("queue-full", "Queue full",
                "queue '" + queue + "' already has " + maxWaiting + " jobs waiting (its max-waiting); try again later", retryAfter);
    }
}
