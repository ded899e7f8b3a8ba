package dev.sluice.store;

import java.time.Instant;
import java.util.Optional;

/** A job that waits in or runs from a queue, with just what claiming it and estimating the queue need. */
public record QueuedJob(long sequence, JobId id, String task, JobState state, Optional<Instant> started, Standing standing) {
}
