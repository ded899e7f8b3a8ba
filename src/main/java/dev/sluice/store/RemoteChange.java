package dev.sluice.store;

/** A change another node committed to a job, as it told the others: enough to follow the job, never the whole job. */
public sealed interface RemoteChange {

    JobId job();

    /** The job moved to {@code state} (accepted, running, or an end); read the job for the rest. */
    record StateChanged(JobId job, String queue, JobState state) implements RemoteChange {
    }

    /** The running job reported progress; the message may be cut short (see {@link SignalPayload#LONGEST_MESSAGE}). */
    record Progressed(JobId job, int percent, String message) implements RemoteChange {
    }

    /** A waiting job's message now says why it has not started. */
    record WaitingNoted(JobId job, String message) implements RemoteChange {
    }
}
