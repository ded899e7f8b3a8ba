package dev.sluice.store;

import java.util.Optional;

/** What a run learnt about itself, recorded with its end: the process that ran it and its peak memory in bytes. */
public record RunFacts(Optional<Job.WorkerProcess> worker, Optional<Long> peakMemory) {

    public static final RunFacts NONE = new RunFacts(Optional.empty(), Optional.empty());
}
