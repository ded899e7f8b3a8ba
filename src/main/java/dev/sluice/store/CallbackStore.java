package dev.sluice.store;

import java.util.List;
import java.util.Optional;

/** The part of the store that callbacks use: each job's subscriber, and the deliveries still to be made. */
public interface CallbackStore {

    /** The subscriber the job was submitted with, if it had one. */
    Optional<Subscriber> subscriber(JobId job);

    /** Records a delivery to be made; returns it with its id. */
    PendingDelivery add(PendingDelivery delivery);

    /**
     * Every delivery still to be made, oldest first; on a database several nodes share ({@link #shared}), those no live
     * node makes, which this node takes over as it returns them (so each delivery is made by one node).
     */
    List<PendingDelivery> pending();

    /** Whether other nodes make deliveries too: then {@link #pending} is asked again now and then, for a dead node's. */
    default boolean shared() {
        return false;
    }

    /** Records another failed attempt; false when the delivery is gone (its job was removed meanwhile). */
    boolean update(PendingDelivery delivery);

    /** Forgets a delivery: made, or given up. */
    void remove(long id);
}
