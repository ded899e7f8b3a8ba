package dev.sluice.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm workers that a node left running when it died: stopped, and the job folders lent to them put back. A node does
 * so for its own at start-up, and for a dead node's when it rescues that node's jobs (finding only those on its own
 * machine).
 */
public final class WarmWorkers {

    private static final Logger log = LoggerFactory.getLogger(WarmWorkers.class);

    private WarmWorkers() {
    }

    /** Stops the workers that carry {@code place}'s marker, then puts back the folders lent to them. */
    public static void clearLeftovers(Path dataDir, NodePlace place) {
        Set<ProcessHandle> orphans = ProcessTree.carrying(WarmWorker.NODE_MARKER, place.marker());
        if (!orphans.isEmpty()) {
            log.info("event=orphan-workers-stopped count={} node-marker={}", orphans.size(), place.marker());
            orphans.forEach(p -> ProcessTree.terminate(Optional.of(p), Optional.empty(), Duration.ofSeconds(1)));
        }
        WarmExchange.restoreAll(dataDir, place.exchange());
    }
}
