package dev.sluice.store;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The allowed moves between job states, written down once. Every store checks a change against this table
 * inside the same transaction, so an illegal move is an error instead of a silent overwrite.
 */
public final class JobTransitions {

    private static final Map<JobState, Set<JobState>> ALLOWED = new EnumMap<>(JobState.class);

    static {
        ALLOWED.put(JobState.ACCEPTED, EnumSet.of(JobState.RUNNING, JobState.DISMISSED));
        // why: running -> accepted is a retry, after a failure with retries left or a server restart
        ALLOWED.put(JobState.RUNNING, EnumSet.of(JobState.SUCCESSFUL, JobState.FAILED, JobState.DISMISSED, JobState.ACCEPTED));
        ALLOWED.put(JobState.SUCCESSFUL, EnumSet.noneOf(JobState.class));
        ALLOWED.put(JobState.FAILED, EnumSet.noneOf(JobState.class));
        ALLOWED.put(JobState.DISMISSED, EnumSet.noneOf(JobState.class));
    }

    private JobTransitions() {
    }

    public static boolean allowed(JobState from, JobState to) {
        return ALLOWED.get(from).contains(to);
    }

    public static void check(JobId id, JobState from, JobState to) {
        if (!allowed(from, to)) {
            throw new IllegalTransitionException(id, from, to);
        }
    }
}
