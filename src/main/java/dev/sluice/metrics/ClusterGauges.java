package dev.sluice.metrics;

import dev.sluice.store.ClusterStore;
import dev.sluice.store.NodeRecord;
import dev.sluice.supervision.LoopFailures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The cluster as one node sees it from the shared database: nodes alive and dead, and whether this node holds the
 * leader role. One read of the nodes table per scrape feeds all three gauges; when it fails, they keep what the last
 * read found (NaN before the first), so a database that is away never breaks the scrape itself.
 */
final class ClusterGauges {

    private final ClusterStore cluster;
    private final LoopFailures failures = new LoopFailures("cluster-gauges");
    private volatile double alive = Double.NaN;
    private volatile double dead = Double.NaN;
    private volatile double leader = Double.NaN;

    private ClusterGauges(ClusterStore cluster) {
        this.cluster = cluster;
    }

    static ClusterGauges register(MeterRegistry registry, ClusterStore cluster) {
        ClusterGauges gauges = new ClusterGauges(cluster);
        Gauge.builder("sluice.cluster.nodes", gauges, g -> g.alive).description("Nodes registered on the shared database, by lease")
                .tag("state", "alive").strongReference(true).register(registry);
        Gauge.builder("sluice.cluster.nodes", gauges, g -> g.dead).description("Nodes registered on the shared database, by lease")
                .tag("state", "dead").strongReference(true).register(registry);
        Gauge.builder("sluice.cluster.leader", gauges, g -> g.leader)
                .description("1 while this node holds the leader role (schedules, retention, rescue), else 0")
                .strongReference(true).register(registry);
        return gauges;
    }

    /** Reads the nodes table afresh; call once before each scrape. */
    void refresh() {
        try {
            List<NodeRecord> nodes = cluster.nodes();
            String self = cluster.self();
            long living = nodes.stream().filter(NodeRecord::alive).count();
            alive = living;
            dead = nodes.size() - living;
            leader = nodes.stream().anyMatch(n -> n.leader() && n.id().equals(self)) ? 1 : 0;
            failures.succeeded();
        } catch (RuntimeException failed) {
            failures.failed("cluster-read-failed", "", failed);
        }
    }
}
