package dev.sluice.queue;

import dev.sluice.store.IllegalTransitionException;
import dev.sluice.store.JobId;
import dev.sluice.store.StoreException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends of runs the database could not record when they came (it was restarting, unreachable, or its disk full), kept
 * until it can: the job's real outcome is then recorded, instead of a failure for a job that did its work. Until then
 * the job stays running in the store, so should this node stop first, the next start re-queues it: nothing is lost.
 * A slot does not wait for the database: it goes on, and the reconciler tries these again on each of its passes.
 */
final class UnrecordedEnds {

    private static final Logger log = LoggerFactory.getLogger(UnrecordedEnds.class);

    /** Records one run's end in the store; throws {@link StoreException} while the store cannot. */
    interface Recording {
        void record();
    }

    private final Map<JobId, Recording> waiting = new ConcurrentHashMap<>();

    void hold(JobId id, Recording recording, StoreException cause) {
        waiting.put(id, recording);
        log.warn("event=end-not-recorded job={} reason=\"{}\" (recorded when the database answers again)", id, cause.getMessage());
    }

    Set<JobId> ids() {
        return Set.copyOf(waiting.keySet());
    }

    /** Lets every held end go: they belong to a registration of this node that another node has taken over. */
    void forgetAll() {
        if (!waiting.isEmpty()) {
            log.warn("event=ends-dropped jobs={} reason=\"this node lost its lease; another node took the jobs over\"", waiting.keySet());
            waiting.clear();
        }
    }

    /** Tries every held end once; those recorded, or ended by other means meanwhile, are let go. */
    void retry() {
        for (Map.Entry<JobId, Recording> end : waiting.entrySet()) {
            try {
                end.getValue().record();
                waiting.remove(end.getKey());
                log.info("event=end-recorded-late job={}", end.getKey());
            } catch (IllegalTransitionException endedMeanwhile) {
                waiting.remove(end.getKey());
            } catch (StoreException stillUnavailable) {
                return;
            }
        }
    }
}
