package dev.sluice.worker;

import dev.sluice.store.Job;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.RunFacts;

/** One attempt at a job, in a fresh process (exec) or on a warm worker; run() blocks until it has ended. */
public interface Run {

    Job job();

    JobOutcome run();

    /** What the run learnt (its process, its peak memory); complete once {@link #run()} has returned. */
    default RunFacts facts() {
        return RunFacts.NONE;
    }

    /** Stops the job's processes; {@link #run()} then returns a dismissal. */
    void cancel();

    /** The process that runs the job, once there is one. */
    default java.util.Optional<WorkerInfo> worker() {
        return java.util.Optional.empty();
    }
}
