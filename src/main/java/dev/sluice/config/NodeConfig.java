package dev.sluice.config;

import java.lang.management.ManagementFactory;

/** This machine's share of the work: how much memory the jobs running at once may be promised in total. */
public record NodeConfig(DataSize memoryBudget) {

    public NodeConfig {
        memoryBudget = memoryBudget == null ? defaultBudget() : memoryBudget;
    }

    /** 80% of physical memory, leaving the rest to the server itself and the system. */
    static DataSize defaultBudget() {
        long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return new DataSize(physical / 5 * 4);
    }
}
