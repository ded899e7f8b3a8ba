package dev.sluice.store;

/** How a run of a job ended. */
public sealed interface JobOutcome {

    JobState state();

    String message();

    /** The command exited 0 and wrote every required output. */
    record Succeeded(String message) implements JobOutcome {
        public JobState state() {
            return JobState.SUCCESSFUL;
        }
    }

    /** The run failed; the reason is one of a closed set and the message is for a person. */
    record Failed(FailureReason reason, String message) implements JobOutcome {
        public JobState state() {
            return JobState.FAILED;
        }
    }

    /** Someone cancelled the job. */
    record Dismissed(String message) implements JobOutcome {
        public JobState state() {
            return JobState.DISMISSED;
        }
    }

    /** The job waited longer than its queue's `max-wait` without starting: dismissed, with reason `expired`. */
    record Expired(String message) implements JobOutcome {
        public JobState state() {
            return JobState.DISMISSED;
        }
    }
}
