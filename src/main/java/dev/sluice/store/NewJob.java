package dev.sluice.store;

import java.util.Map;
import java.util.Optional;

/**
 * What a submission hands to the store: the validated inputs, already in the form the command needs, the key of the
 * submitter that owns the job (the hash of its token), if any, and how the job is ordered in its queue.
 */
public record NewJob(JobId id, String task, String queue, Map<String, String> inputs, int maxRetries, Optional<String> owner,
                     Precedence precedence) {

    public NewJob {
        inputs = Map.copyOf(inputs);
    }

    /** A job whose submitter is not known yet ({@link #ownedBy} names it), in submission order alone. */
    public NewJob(JobId id, String task, String queue, Map<String, String> inputs, int maxRetries) {
        this(id, task, queue, inputs, maxRetries, Optional.empty(), Precedence.FIFO);
    }

    public NewJob ownedBy(String ownerKey) {
        return new NewJob(id, task, queue, inputs, maxRetries, Optional.of(ownerKey), precedence);
    }

    public NewJob ordered(Precedence order) {
        return new NewJob(id, task, queue, inputs, maxRetries, owner, order);
    }
}
