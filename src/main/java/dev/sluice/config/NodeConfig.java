package dev.sluice.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * This machine's share of the work: how much memory the jobs running at once may be promised in total; and, for nodes
 * sharing a PostgreSQL database, the name this node shows (by default host:port) and how long it stays alive to the
 * others without renewing its lease.
 */
public record NodeConfig(DataSize memoryBudget, String name, Duration lease) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);

    public NodeConfig {
        memoryBudget = memoryBudget == null ? defaultBudget() : memoryBudget;
        lease = lease == null ? DEFAULT_LEASE : lease;
    }

    public NodeConfig(DataSize memoryBudget) {
        this(memoryBudget, null, null);
    }

    public Optional<String> nameIfSet() {
        return Optional.ofNullable(name);
    }

    /** 80% of physical memory, leaving the rest to the server itself and the system. */
    static DataSize defaultBudget() {
        long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return new DataSize(physical / 5 * 4);
    }
}
