package dev.sluice.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which jobs to list, newest first: one submitter's (by owner key) or everyone's, narrowed by state, task, schedule,
 * when they were created (both ends included) and how long they have run (started to finished, or to now while
 * running; a job not started yet has no duration and is left out by either bound), skipping {@code offset} and
 * returning at most {@code limit}. An empty set means any state, task or schedule (or none).
 */
public record JobQuery(Optional<String> owner, Set<JobState> states, Set<String> tasks, Set<String> schedules,
                       Optional<Instant> createdFrom, Optional<Instant> createdTo, Optional<Duration> minDuration,
                       Optional<Duration> maxDuration, int offset, int limit) {

    public JobQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset cannot be negative, not " + offset);
        }
        states = Set.copyOf(states);
        tasks = Set.copyOf(tasks);
        schedules = Set.copyOf(schedules);
    }

    /** The most recent jobs of every submitter, at most {@code limit}. */
    public static JobQuery everyones(int limit) {
        return new JobQuery(Optional.empty(), Set.of(), Set.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, limit);
    }

    /** The same criteria for one submitter's jobs only. */
    public JobQuery ownedBy(String ownerKey) {
        return new JobQuery(Optional.of(ownerKey), states, tasks, schedules, createdFrom, createdTo, minDuration, maxDuration,
                offset, limit);
    }

    /** The same criteria for every submitter's jobs. */
    public JobQuery ofEveryone() {
        return new JobQuery(Optional.empty(), states, tasks, schedules, createdFrom, createdTo, minDuration, maxDuration,
                offset, limit);
    }

    public JobQuery inStates(Set<JobState> wanted) {
        return new JobQuery(owner, wanted, tasks, schedules, createdFrom, createdTo, minDuration, maxDuration, offset, limit);
    }

    public JobQuery ofTasks(Set<String> wanted) {
        return new JobQuery(owner, states, wanted, schedules, createdFrom, createdTo, minDuration, maxDuration, offset, limit);
    }

    /** Started by these schedules. */
    public JobQuery ofSchedules(Set<String> wanted) {
        return new JobQuery(owner, states, tasks, wanted, createdFrom, createdTo, minDuration, maxDuration, offset, limit);
    }

    /** Created within these bounds, both included; an empty bound is open. */
    public JobQuery createdBetween(Optional<Instant> from, Optional<Instant> to) {
        return new JobQuery(owner, states, tasks, schedules, from, to, minDuration, maxDuration, offset, limit);
    }

    /** That have run at least {@code least} and at most {@code most}, both included; an empty bound is open. */
    public JobQuery ranBetween(Optional<Duration> least, Optional<Duration> most) {
        return new JobQuery(owner, states, tasks, schedules, createdFrom, createdTo, least, most, offset, limit);
    }

    /** The page of {@code size} jobs after the first {@code skipped}. */
    public JobQuery page(int skipped, int size) {
        return new JobQuery(owner, states, tasks, schedules, createdFrom, createdTo, minDuration, maxDuration, skipped, size);
    }
}
