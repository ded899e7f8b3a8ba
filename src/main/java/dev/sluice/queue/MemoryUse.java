package dev.sluice.queue;

/** The node's memory budget and how much of it the memory limits of the running jobs hold, in bytes. */
public record MemoryUse(long budget, long reserved) {
}
