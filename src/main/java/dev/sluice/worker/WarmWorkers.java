package dev.sluice.worker;

import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Warm workers left running by a previous run of this node (after a crash) are stopped at start-up, and what they held is put back. */
public final class WarmWorkers {

    private static final Logger log = LoggerFactory.getLogger(WarmWorkers.class);

    private WarmWorkers() {
    }

    /** After the orphans are stopped: the job folders lent to sandboxed workers go back to their place. */
    public static void restoreLentFolders(java.nio.file.Path dataDir) {
        WarmExchange.restoreAll(dataDir);
    }

    public static void stopOrphans(String nodeId) {
        Set<ProcessHandle> orphans = ProcessTree.carrying(WarmWorker.NODE_MARKER, nodeId);
        if (!orphans.isEmpty()) {
            log.info("event=orphan-workers-stopped count={}", orphans.size());
            orphans.forEach(p -> ProcessTree.terminate(java.util.Optional.of(p), java.util.Optional.empty(), Duration.ofSeconds(1)));
        }
    }
}
