package dev.sluice.web;

import dev.sluice.config.SluiceConfig;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.NodeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The nodes as the admin sees them: on a shared database every registered node, the answering one's registration
 * named by {@code self}; for a node on its own SQLite file ({@code shared} false), that node alone.
 */
public record ClusterNodes(boolean shared, String self, List<NodeRecord> nodes) {

    /** The id under which a node alone lists itself (it has no registration). */
    static final String ALONE = "local";

    /** The nodes registered on the store's database; empty when the store is this node's own. */
    public static Optional<ClusterNodes> shared(JobStore store) {
        return store.cluster().map(cluster -> new ClusterNodes(true, cluster.self(), cluster.nodes()));
    }

    /**
     * As {@link #shared}, or else this node alone: named by {@code node.name} or "local", alive and leading (it does all
     * the work done once for all), {@code started} when its server was built. It has no lease, so its lease is zero.
     */
    public static ClusterNodes read(SluiceConfig config, JobStore store, Instant started) {
        return shared(store).orElseGet(() -> {
            int running = config.queues().keySet().stream().mapToInt(queue -> store.count(queue, JobState.RUNNING)).sum();
            String version = Optional.ofNullable(ClusterNodes.class.getPackage().getImplementationVersion()).orElse("development");
            return new ClusterNodes(false, ALONE, List.of(new NodeRecord(ALONE, config.node().nameIfSet().orElse(ALONE), ALONE,
                    Optional.empty(), version, started, config.node().memoryBudget().bytes(), Duration.ZERO, Duration.ZERO,
                    running, true)));
        });
    }

    /** Whether the node is alive: by its lease on a shared database; a node alone always is, since it answers. */
    public boolean alive(NodeRecord node) {
        return !shared || node.alive();
    }

    public boolean isSelf(NodeRecord node) {
        return node.id().equals(self);
    }
}
