package dev.sluice.events;

import dev.sluice.store.Job;
import dev.sluice.store.JobId;

/**
 * Hears about every change the job store commits, after the commit: the event hub and the queue estimates
 * follow the jobs this way instead of asking the database. Calls come on the thread that made the change,
 * so an observer must be quick and must not call the store.
 */
public interface JobObserver {

    /** A job was accepted, started, re-queued or ended; {@code job} is as the store committed it. */
    default void stateChanged(Job job) {
    }

    /** A running job reported progress. */
    default void progressChanged(JobId job, int percent, String message) {
    }

    /** A waiting job's message says why it has not started (such as waiting for memory). */
    default void waitingNoted(JobId job, String message) {
    }
}
