package dev.sluice.store;

import java.time.Instant;
import java.util.Optional;

/** A job that waits in or runs from a queue, with just what an estimate of the queue needs. */
public record QueuedJob(long sequence, String task, JobState state, Optional<Instant> started) {
}
