package dev.sluice.worker;

import dev.sluice.store.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tasks are broken, and the crash-loop guard: a task whose process dies at once on start is slowed
 * down with exponential back-off, and after {@link #QUICK_FAILURES_TO_BREAK} such deaths in a row it is
 * marked broken instead of failing job after job. A broken task stays broken until the server restarts.
 */
public final class TaskHealth {

    /** Why a task is broken; jobs of a broken task fail with {@code reason}. */
    public record Broken(FailureReason reason, String message, Instant since) {
    }

    public static final int QUICK_FAILURES_TO_BREAK = 5;
    public static final Duration QUICK = Duration.ofSeconds(2);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(TaskHealth.class);

    private final Clock clock;
    private final Map<String, Broken> broken = new ConcurrentHashMap<>();
    private final Map<String, Integer> quickFailures = new ConcurrentHashMap<>();

    public TaskHealth(Clock clock) {
        this.clock = clock;
    }

    public void markBroken(String task, FailureReason reason, String message) {
        broken.put(task, new Broken(reason, message, clock.instant()));
        log.warn("event=task-broken task={} reason={} message=\"{}\"", task, reason.wireName(), message);
    }

    public Optional<Broken> broken(String task) {
        return Optional.ofNullable(broken.get(task));
    }

    /** Records how a run ended; {@code quickDeath} is a process that could not start or died at once. */
    public void recordRun(String task, boolean quickDeath, String message) {
        if (!quickDeath) {
            quickFailures.remove(task);
            return;
        }
        int count = quickFailures.merge(task, 1, Integer::sum);
        if (count >= QUICK_FAILURES_TO_BREAK) {
            markBroken(task, FailureReason.CRASHED, "its process died at start " + count + " times in a row; last: " + message);
        }
    }

    /** How long to wait before the next start of the task: doubles with each quick death in a row. */
    public Duration backoff(String task) {
        int count = quickFailures.getOrDefault(task, 0);
        return count == 0 ? Duration.ZERO : FIRST_BACKOFF.multipliedBy(1L << Math.min(count - 1, 6));
    }
}
