package dev.sluice.queue;

import java.time.Duration;

/** The server is stopping: it finishes its running jobs but takes no new ones. */
public final class StoppingException extends RetryLaterException {

    public StoppingException(Duration retryAfter) {
        super("server-stopping", "Server stopping",
                "the server is stopping (a restart, most likely) and takes no new jobs; try again in a moment", retryAfter);
    }
}
