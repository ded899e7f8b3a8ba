package dev.sluice.store;

import java.util.Map;
import java.util.Optional;

/**
 * What a submission hands to the store: the validated inputs, already in the form the command needs, and the
 * key of the submitter that owns the job (the hash of its token), if any.
 */
public record NewJob(JobId id, String task, String queue, Map<String, String> inputs, int maxRetries, Optional<String> owner) {

    public NewJob {
        inputs = Map.copyOf(inputs);
    }

    /** A job whose submitter is not known yet; {@link #ownedBy} names it. */
    public NewJob(JobId id, String task, String queue, Map<String, String> inputs, int maxRetries) {
        this(id, task, queue, inputs, maxRetries, Optional.empty());
    }

    public NewJob ownedBy(String ownerKey) {
        return new NewJob(id, task, queue, inputs, maxRetries, Optional.of(ownerKey));
    }
}
