package dev.sluice.store;

import java.util.List;

/**
 * What the nodes sharing one database know of each other: registrations with leases kept on the database's clock,
 * one role that a single node holds at a time (the schedule ticker, retention and rescue), the rescue of a dead node's
 * running jobs, and requests to stop a job that runs on another node.
 */
public interface ClusterStore {

    /** This node's registration now; it changes when {@link #rejoin} registers afresh. */
    String self();

    /**
     * Extends this node's lease; false when its registration is gone (another node rescued it as dead, and its
     * running jobs are no longer its own to record).
     */
    boolean renew();

    /** Registers this node afresh under a new id, after {@link #renew} found the old registration gone. */
    void rejoin();

    /** Records where this node's HTTP server listens. */
    void announce(String address);

    /**
     * Takes or keeps the leader role: true while this registration holds it. A holder that stops renewing loses it
     * once its claim runs out, two thirds of a lease after the last renewal.
     */
    boolean lead();

    /** Every registered node, the leader marked. */
    List<NodeRecord> nodes();

    /** Registrations that hold running jobs (or a row) but are dead. */
    List<DeadNode> dead();

    /** The registrations of earlier starts of this node (same name), which the node, holding its name's lock, knows are over. */
    List<DeadNode> earlierSelves();

    /**
     * In one transaction: removes the dead registration (unless it renewed meanwhile, then nothing happens and the list
     * is empty) and makes its running jobs this node's, to settle as interrupted runs.
     */
    List<Job> adopt(DeadNode dead);

    /** Running jobs of this registration that some node asked to stop. */
    List<JobId> cancelsRequested();

    /** Asks the node running the job to stop it; false when the job is not running. */
    boolean requestCancel(JobId id);

    /** How long the database server has been up (since its last start), by its own clock. */
    java.time.Duration databaseUp();

    /** Removes this node's registration (a clean stop, once its jobs are settled); what it still holds is rescued. */
    void leave();
}
