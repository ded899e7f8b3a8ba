package dev.sluice.queue;

import dev.sluice.config.SluiceConfig;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobStore;
import dev.sluice.store.QueuedJob;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The node's memory budget as the queues use it: a job is claimed only if its memory limit fits what is left. */
final class MemoryAdmissions {

    private final SluiceConfig config;
    private final JobStore store;
    private final MemoryBudget budget;
    private final Map<JobId, Long> reservations = new ConcurrentHashMap<>();

    MemoryAdmissions(SluiceConfig config, JobStore store) {
        this.config = config;
        this.store = store;
        this.budget = new MemoryBudget(config.node().memoryBudget());
    }

    MemoryUse use() {
        return budget.use();
    }

    /** A look at the head of one queue, to pass to a claim and then settle with what the claim gave. */
    Admission next() {
        return new Admission();
    }

    /** Gives back what the job reserved; true if that freed memory that waiting jobs may now fit in. */
    boolean release(Job job) {
        Long reserved = reservations.remove(job.id());
        if (reserved != null && reserved > 0) {
            budget.release(reserved);
            return true;
        }
        return false;
    }

    /**
     * Admits the head of a queue if its memory limit fits the node's budget; otherwise leaves it first in line with
     * a message saying what it waits for. FIFO holds: a later, smaller job does not overtake it.
     */
    final class Admission implements Predicate<QueuedJob> {
        private QueuedJob head;
        private long needed;
        private boolean reserved;

        private Admission() {
        }

        @Override
        public boolean test(QueuedJob next) {
            if (reserved) {
                budget.release(needed);
            }
            head = next;
            needed = config.task(next.task()).flatMap(t -> t.limits().memoryLimit()).map(m -> m.bytes()).orElse(0L);
            reserved = budget.tryReserve(needed);
            return reserved;
        }

        Optional<Job> settle(Optional<Job> claimed) {
            if (claimed.isPresent()) {
                reservations.put(claimed.get().id(), needed);
            } else if (reserved) {
                budget.release(needed);
            } else if (head != null) {
                store.noteWaiting(head.id(), budget.describeShortfall(needed));
            }
            return claimed;
        }
    }
}
