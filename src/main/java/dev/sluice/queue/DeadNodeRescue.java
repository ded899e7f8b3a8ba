package dev.sluice.queue;

import dev.sluice.store.ClusterStore;
import dev.sluice.store.DeadNode;
import dev.sluice.store.IllegalTransitionException;
import dev.sluice.store.Job;
import dev.sluice.supervision.LoopFailures;
import dev.sluice.worker.NodePlace;
import dev.sluice.worker.ProcessTree;
import dev.sluice.worker.WarmWorkers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the running jobs of nodes found dead and settles each as an interrupted run (re-queued, or failed once
 * interrupted too often), so no job is lost with its node. Their processes are stopped first where this node can see
 * them: on its own machine, by the markers in their environment (a job's id, a dead node's warm-worker marker); a dead
 * node on another machine stops its own when it comes back and finds its registration gone.
 */
final class DeadNodeRescue {

    private static final Logger log = LoggerFactory.getLogger(DeadNodeRescue.class);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final ClusterStore cluster;
    private final InterruptedRuns interrupted;
    private final Path dataDir;
    private final Consumer<String> wakeQueue;
    private final LoopFailures failures = new LoopFailures("rescue");

    /** {@code wakeQueue} is told each queue a rescued job went back to. */
    DeadNodeRescue(ClusterStore cluster, InterruptedRuns interrupted, Path dataDir, Consumer<String> wakeQueue) {
        this.cluster = cluster;
        this.interrupted = interrupted;
        this.dataDir = dataDir;
        this.wakeQueue = wakeQueue;
    }

    /** Rescues every dead node found now; returns how many jobs it settled. */
    int pass() {
        return rescue(cluster.dead());
    }

    /** At start-up: settles what earlier starts of this node left running, without waiting for their leases. */
    int earlierSelves() {
        return rescue(cluster.earlierSelves());
    }

    private int rescue(List<DeadNode> found) {
        int settled = 0;
        for (DeadNode dead : found) {
            List<Job> adopted = cluster.adopt(dead);
            dead.marker().ifPresent(marker -> WarmWorkers.clearLeftovers(dataDir, NodePlace.ofMarker(dataDir, marker)));
            if (!adopted.isEmpty() || dead.marker().isPresent()) {
                log.warn("event=node-rescued node={} jobs={}", dead.id().isEmpty() ? "-" : dead.id(), adopted.size());
            }
            for (Job job : adopted) {
                settled += settle(job, dead) ? 1 : 0;
            }
        }
        return settled;
    }

    private boolean settle(Job job, DeadNode dead) {
        try {
            ProcessTree.terminate(Optional.empty(), Optional.of(job.id()), GRACE);
            Job settled = interrupted.settle(job, dead.earlierSelf() ? "the server died while the job ran"
                    : dead.id().isEmpty() ? "the job was left running without a node"
                    : "its node (" + dead.id() + ") stopped renewing its lease");
            wakeQueue.accept(settled.queue());
            return true;
        } catch (IllegalTransitionException endedMeanwhile) {
            return false;
        } catch (RuntimeException e) {
            // why: the job is this node's now; if this node dies too, the next rescuer takes it over again
            failures.failed("rescue-failed", "job=" + job.id(), e);
            return false;
        }
    }
}
