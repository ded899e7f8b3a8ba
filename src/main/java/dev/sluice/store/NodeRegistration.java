package dev.sluice.store;

import java.time.Duration;

/**
 * What a node tells the others about itself when it joins: its configured name, the marker its processes carry on its
 * machine, its version, its memory budget, and how long its lease lasts without a renewal.
 */
public record NodeRegistration(String name, String marker, String version, long memoryBudget, Duration lease) {
}
