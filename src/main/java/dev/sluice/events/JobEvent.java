package dev.sluice.events;

import dev.sluice.store.Job;

/** Something that happened to a job, as its event stream tells it. */
public sealed interface JobEvent {

    /** The job moved to another state (or its waiting message changed); {@code job} is as committed. */
    record StateChanged(Job job) implements JobEvent {
    }

    /** The job reported progress and its current stage. */
    record ProgressChanged(int percent, String message) implements JobEvent {
    }

    /**
     * The job printed a line (cut at {@link JobEventHub#LONGEST_LINE} characters); the log file's first
     * {@code logPosition} bytes hold it (see {@link dev.sluice.worker.JobOutputListener#line}).
     */
    record LogLine(String line, long logPosition) implements JobEvent {
    }

    /** A job ahead of this waiting one started or ended, so its position and estimates are worth reading again. */
    record QueueMoved() implements JobEvent {
    }

    /** An event with its id: ids only grow, so a client that reconnects says with Last-Event-ID what it has seen. */
    record Numbered(long id, JobEvent event) {
    }
}
