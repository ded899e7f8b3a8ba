package dev.sluice.store;

/** Why a running job goes back to its queue; each cause counts the run it cut short in its own way. */
public enum RequeueCause {
    /** The run failed and the job has retries left: the run counts as an attempt. */
    RETRY,
    /** The server died or stopped while the job ran: an attempt, and an interruption, which spends no retry. */
    INTERRUPTED,
    /** The job was claimed but its run never started (the server began to stop): nothing is counted. */
    NEVER_STARTED
}
