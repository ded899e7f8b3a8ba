package dev.sluice.queue;

import dev.sluice.store.Maintenance;
import java.time.Duration;

/** A submission refused because the server is in maintenance mode; the detail is the admin's message. */
public final class MaintenanceException extends RetryLaterException {

    public MaintenanceException(Maintenance maintenance, Duration retryAfter) {
        super("maintenance", "Down for maintenance", maintenance.message()
                + maintenance.until().map(end -> " (until " + end + ")").orElse("") + "; no new jobs are taken until then", retryAfter);
    }
}
