package dev.sluice.metrics;

import dev.sluice.store.JobStore;
import dev.sluice.worker.TaskHealth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether this node should be sent work: its database takes a write, its data disk has room above the reserve, it
 * is not draining, and no task is broken (unless the server was started allowing broken tasks).
 */
public final class Readiness {

    /** The outcome of each check by name: "ok", or a short reason it failed. */
    public record Report(Map<String, String> checks) {

        public boolean ready() {
            return failed().isEmpty();
        }

        public List<String> failed() {
            return checks.entrySet().stream().filter(e -> !e.getValue().equals(OK)).map(Map.Entry::getKey).toList();
        }
    }

    static final String OK = "ok";
    private static final long DATABASE_CHECK_EVERY_NANOS = 1_000_000_000L;

    private final JobStore store;
    private final BooleanSupplier accepting;
    private final TaskHealth health;
    private final Collection<String> tasks;
    private final boolean allowBroken;
    private final Supplier<Optional<String>> diskShortage;
    private String lastDatabaseCheck;
    private long lastDatabaseCheckAt;

    /** {@code diskShortage} says why the data disk has too little room, or is empty when it has enough. */
    public Readiness(JobStore store, BooleanSupplier accepting, TaskHealth health, Collection<String> tasks, boolean allowBroken,
                     Supplier<Optional<String>> diskShortage) {
        this.store = store;
        this.accepting = accepting;
        this.health = health;
        this.tasks = List.copyOf(tasks);
        this.allowBroken = allowBroken;
        this.diskShortage = diskShortage;
    }

    public Report check() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", database());
        checks.put("disk", diskShortage.get().orElse(OK));
        checks.put("accepting", accepting.getAsBoolean() ? OK : "the server is stopping and takes no new jobs");
        checks.put("tasks", brokenTasks());
        return new Report(checks);
    }

    // why: the route is public and probed every few seconds; one write a second answers every prober, however many
    private synchronized String database() {
        long now = System.nanoTime();
        if (lastDatabaseCheck == null || now - lastDatabaseCheckAt > DATABASE_CHECK_EVERY_NANOS) {
            try {
                store.checkWritable();
                lastDatabaseCheck = OK;
            } catch (RuntimeException failed) {
                lastDatabaseCheck = "the database refused a write: " + failed.getMessage();
            }
            lastDatabaseCheckAt = now;
        }
        return lastDatabaseCheck;
    }

    private String brokenTasks() {
        List<String> broken = tasks.stream().filter(t -> health.broken(t).isPresent()).toList();
        if (broken.isEmpty() || allowBroken) {
            return OK;
        }
        return "broken: " + String.join(", ", broken);
    }
}
