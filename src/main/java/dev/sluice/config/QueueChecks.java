package dev.sluice.config;

import java.util.function.BiConsumer;

/** What makes a queue's settings or a task's priority in it unusable. */
final class QueueChecks {

    static final int HIGHEST_PRIORITY = 1000;

    private QueueChecks() {
    }

    static void check(String name, QueueConfig queue, BiConsumer<String, String> problem) {
        String at = "/queues/" + name;
        if (!ConfigValidator.NAME.matcher(name).matches()) {
            problem.accept(at, "queue names use a-z, 0-9, '-' and '_'");
        }
        if (queue.concurrency() < 1) {
            problem.accept(at + "/concurrency", "must be at least 1");
        }
        if (queue.concurrencyPerNode() != null && queue.concurrencyPerNode() < 1) {
            problem.accept(at + "/concurrency-per-node", "must be at least 1");
        }
        if (queue.maxWaiting() < 0) {
            problem.accept(at + "/max-waiting", "cannot be negative");
        }
        if (queue.maxWait() != null && queue.maxWait().toMillis() < 1) {
            problem.accept(at + "/max-wait", "must be more than 0");
        }
        if (queue.promoteAfter().isNegative()) {
            problem.accept(at + "/promote-after", "cannot be negative (0 starts every job in submission order)");
        }
    }

    static void checkPriority(String at, int priority, BiConsumer<String, String> problem) {
        if (Math.abs(priority) > HIGHEST_PRIORITY) {
            problem.accept(at, "must be between -" + HIGHEST_PRIORITY + " and " + HIGHEST_PRIORITY + " (higher starts first; default 0)");
        }
    }
}
