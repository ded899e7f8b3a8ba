package dev.sluice.store;

/**
 * A change of state that the transition table forbids, such as a finished job becoming running again; or, on a shared
 * database, a change of a running job by a node that no longer runs it (its registration was rescued as dead).
 */
public final class IllegalTransitionException extends RuntimeException {

    private final JobState current;

    public IllegalTransitionException(JobId id, JobState from, JobState to) {
        super("job " + id + " cannot go from " + from.wireName() + " to " + to.wireName());
        this.current = from;
    }

    /** The job runs, but not for the node that tried to change it. */
    static IllegalTransitionException fencedOut(JobId id) {
        return new IllegalTransitionException("job " + id + " is no longer run by this node (its lease ran out and another node"
                + " took the job over)", JobState.RUNNING);
    }

    private IllegalTransitionException(String message, JobState current) {
        super(message);
        this.current = current;
    }

    public JobState current() {
        return current;
    }
}
