package dev.sluice.queue;

import dev.sluice.store.ClusterStore;
import dev.sluice.store.JobId;
import dev.sluice.supervision.LoopFailures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node sharing a PostgreSQL database does for the cluster, once a second: renews its lease every third of it;
 * stops the jobs other nodes asked it to cancel; takes or keeps the leader role, and while it holds it rescues dead
 * nodes. A node that finds its registration gone (it was paused or cut off past its lease, and another node took its
 * jobs over) stops its runs at once, since nothing they do can be recorded any more, and joins again afresh.
 *
 * <p>why: a node rescues others only once its own calls to the database have succeeded for a whole lease in a row,
 * and {@link #RECONNECT_MARGIN} more, and the database itself has been up that long. After the database was away for
 * longer than a lease every lease has run out; by then every live node has renewed again, even one whose pool took its
 * connect timeout to open a new connection (seen in ClusterNodesTest: a node re-queued the job of another that was
 * still reconnecting). A pass held up for more than {@link #SLOW_PASS} (waiting for a connection through an outage it
 * never saw fail) breaks the run like a failure; so does a restart of the database (seen in ClusterNodesTest: a node
 * started a moment before the restart rescued one still reconnecting).
 */
final class ClusterDuties {

    private static final Logger log = LoggerFactory.getLogger(ClusterDuties.class);
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    /** Two connect timeouts of a node's pool, and a look. */
    static final Duration RECONNECT_MARGIN = Duration.ofSeconds(11);
    /** Far longer than a pass takes (milliseconds) with the database at hand, shorter than the pool's wait (5 s). */
    private static final Duration SLOW_PASS = Duration.ofSeconds(3);

    /** What the duties need of the node's queues. */
    interface Node {
        /** Stops the run of the job, if this node runs it; its end is recorded as a cancel. */
        void cancel(JobId id);

        /**
         * Stops every run, waits a while for them to end, and drops the ends still held for the database: none of
         * them can be recorded any more, and none may be once the node has registered afresh.
         */
        void abandonRuns();
    }

    private final ClusterStore cluster;
    private final DeadNodeRescue rescue;
    private final Node node;
    private final long renewEveryNanos;
    private final long steadyAfterNanos;
    private final LoopFailures failures = new LoopFailures("cluster");
    private volatile boolean leading;
    private volatile boolean running;
    private Thread thread;
    private long lastRenewal;
    private long steadySince;

    ClusterDuties(ClusterStore cluster, DeadNodeRescue rescue, Duration lease, Node node) {
        this.cluster = cluster;
        this.rescue = rescue;
        this.node = node;
        this.renewEveryNanos = lease.toNanos() / 3;
        this.steadyAfterNanos = lease.plus(RECONNECT_MARGIN).toNanos();
    }

    void start() {
        startLease();
        try {
            rescue.earlierSelves();
        } catch (RuntimeException e) {
            // why: what is left is rescued after its lease, like any dead node's
            failures.failed("earlier-starts-rescue-failed", "", e);
        }
        running = true;
        long now = System.nanoTime();
        lastRenewal = now;
        steadySince = now - Math.min(databaseUpNanos(), steadyAfterNanos);
        thread = Thread.ofPlatform().name("cluster-duties").daemon().start(this::loop);
    }

    // why: the node registered when it opened the store, and a slow start (a busy machine, a short lease) may have let
    // that lease run out before the first renewal here; nothing ran under it, so the node just registers afresh
    private void startLease() {
        try {
            if (!cluster.renew()) {
                String old = cluster.self();
                cluster.rejoin();
                log.info("event=rejoined node={} was={} reason=\"the start took longer than the lease\"", cluster.self(), old);
            }
        } catch (RuntimeException e) {
            failures.failed("cluster-pass-failed", "", e);
        }
    }

    void stop() {
        running = false;
        leading = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // why: a node that starts has seen no outage itself; only a database that started a moment ago may just have had one
    private long databaseUpNanos() {
        try {
            return cluster.databaseUp().toNanos();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Whether this node holds the leader role now: it alone runs the schedule ticker and retention. */
    boolean leading() {
        return leading;
    }

    private void loop() {
        while (running) {
            try {
                pass();
                failures.succeeded();
            } catch (RuntimeException | Error e) {
                leading = false;
                steadySince = System.nanoTime();
                failures.failed("cluster-pass-failed", "", e);
            }
            LockSupport.parkNanos(LOOK_EVERY.toNanos());
        }
    }

    private void pass() {
        long now = System.nanoTime();
        if (now - lastRenewal >= renewEveryNanos) {
            if (!cluster.renew()) {
                lost();
                return;
            }
            lastRenewal = now;
        }
        List<JobId> cancels = cluster.cancelsRequested();
        cancels.forEach(id -> Thread.ofVirtual().start(() -> node.cancel(id)));
        leading = cluster.lead();
        long after = System.nanoTime();
        if (after - now > SLOW_PASS.toNanos()) {
            steadySince = after;
        }
        if (leading && after - steadySince >= steadyAfterNanos && databaseUpNanos() >= steadyAfterNanos) {
            rescue.pass();
        }
    }

    private void lost() {
        leading = false;
        String old = cluster.self();
        log.error("event=lease-lost node={} reason=\"this node did not renew its lease in time (paused, or cut off from the"
                + " database); another node took over its running jobs, so its own runs are stopped and not recorded\"", old);
        node.abandonRuns();
        cluster.rejoin();
        steadySince = System.nanoTime();
        lastRenewal = steadySince;
        log.info("event=rejoined node={} was={}", cluster.self(), old);
    }
}
