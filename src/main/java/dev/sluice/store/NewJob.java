package dev.sluice.store;

import java.util.Map;
import java.util.Optional;

/**
 * What a submission hands to the store: the validated inputs, already in the form the command needs, the key of the
 * submitter that owns the job (the hash of its token), if any, how the job is ordered in its queue, and the URLs to
 * call back when it starts, succeeds or fails, if the request named any.
 */
public record NewJob(JobId id, String task, String queue, Map<String, String> inputs, int maxRetries, Optional<String> owner,
                     Precedence precedence, Optional<Subscriber> subscriber) {

    public NewJob {
        inputs = Map.copyOf(inputs);
    }

    /** A job whose submitter is not known yet ({@link #ownedBy} names it), in submission order alone. */
    public NewJob(JobId id, String task, String queue, Map<String, String> inputs, int maxRetries) {
        this(id, task, queue, inputs, maxRetries, Optional.empty(), Precedence.FIFO, Optional.empty());
    }

    public NewJob ownedBy(String ownerKey) {
        return new NewJob(id, task, queue, inputs, maxRetries, Optional.of(ownerKey), precedence, subscriber);
    }

    public NewJob ordered(Precedence order) {
        return new NewJob(id, task, queue, inputs, maxRetries, owner, order, subscriber);
    }

    public NewJob subscribed(Optional<Subscriber> urls) {
        return new NewJob(id, task, queue, inputs, maxRetries, owner, precedence, urls.filter(s -> !s.isEmpty()));
    }
}
