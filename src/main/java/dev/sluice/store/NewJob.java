package dev.sluice.store;

import java.util.Map;

/** What a submission hands to the store: the validated inputs, already in the form the command needs. */
public record NewJob(JobId id, String task, String queue, Map<String, String> inputs, int maxRetries) {

    public NewJob {
        inputs = Map.copyOf(inputs);
    }
}
