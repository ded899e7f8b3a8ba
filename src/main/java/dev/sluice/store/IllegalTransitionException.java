package dev.sluice.store;

/** A change of state that the transition table forbids, such as a finished job becoming running again. */
public final class IllegalTransitionException extends RuntimeException {

    private final JobState current;

    public IllegalTransitionException(JobId id, JobState from, JobState to) {
        super("job " + id + " cannot go from " + from.wireName() + " to " + to.wireName());
        this.current = from;
    }

    public JobState current() {
        return current;
    }
}
