package dev.sluice.store;

import java.time.Instant;

/**
 * A callback not delivered yet: to {@code uri} (the job's subscriber {@code member}, such as `successUri`), with the
 * body fixed when the event happened; tried {@code attempts} times, first queued at {@code firstAt}, next due at {@code nextAt}.
 */
public record PendingDelivery(long id, JobId job, String member, String uri, String body, int attempts, Instant firstAt,
                              Instant nextAt) {

    public PendingDelivery tried(Instant next) {
        return new PendingDelivery(id, job, member, uri, body, attempts + 1, firstAt, next);
    }
}
