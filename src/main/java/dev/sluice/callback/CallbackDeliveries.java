package dev.sluice.callback;

import dev.sluice.config.CallbacksConfig;
import dev.sluice.events.JobObserver;
import dev.sluice.store.CallbackStore;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobState;
import dev.sluice.store.PendingDelivery;
import dev.sluice.store.Subscriber;
import dev.sluice.supervision.LoopFailures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the subscriber URLs of jobs: `inProgressUri` when a run starts, `successUri` when the job succeeds, `failedUri`
 * when it fails or is dismissed. Each delivery is written down before it is tried and forgotten once made or given up,
 * so one pending at a stop is tried again after the restart. A few sender threads make the deliveries, never the
 * thread that changed the job.
 */
public final class CallbackDeliveries implements JobObserver {

    private static final Logger log = LoggerFactory.getLogger(CallbackDeliveries.class);
    static final int SENDERS = 4;
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    static final Duration LONGEST_BACK_OFF = Duration.ofMinutes(5);
    static final Duration ADOPT_EVERY = Duration.ofSeconds(30);

    private final CallbacksConfig config;
    private final CallbackTargets targets;
    private final Clock clock;
    private final Consumer<String> outcomes;
    private final LoopFailures failures = new LoopFailures("callbacks");
    private final ScheduledThreadPoolExecutor senders = new ScheduledThreadPoolExecutor(SENDERS,
            Thread.ofPlatform().daemon().name("callback-sender-", 0).factory());
    private final CallbackPoster poster;
    private final Map<JobId, CompletableFuture<Void>> lastOfJob = new ConcurrentHashMap<>();
    private volatile CallbackStore store;
    private volatile CallbackBodies bodies;
    private volatile boolean stopping;

    /** {@code outcomes} hears `delivered`, `retried` or `failed` once per attempt's end (for the metrics). */
    public CallbackDeliveries(CallbacksConfig config, CallbackTargets targets, Clock clock, Consumer<String> outcomes, Supplier<SSLContext> tls) {
        this.config = config;
        this.targets = targets;
        this.clock = clock;
        this.outcomes = outcomes;
        this.poster = new CallbackPoster(tls);
        senders.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts delivering, first what was pending when the server last stopped (unless callbacks are off). */
    public void start(CallbackStore callbacks, CallbackBodies renderer) {
        this.store = callbacks;
        this.bodies = renderer;
        if (!config.enabled()) {
            // why: callbacks turned off means no request leaves for them; what was pending waits in the database
            return;
        }
        for (PendingDelivery pending : callbacks.pending()) {
            schedule(pending);
        }
        if (callbacks.shared()) {
            // why: a node that dies leaves its deliveries behind; another takes them over once its lease has run out
            senders.scheduleWithFixedDelay(() -> guarded(() -> store.pending().forEach(this::schedule)),
                    ADOPT_EVERY.toMillis(), ADOPT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stateChanged(Job job) {
        if (!config.enabled() || store == null || stopping) {
            return;
        }
        if (job.state() == JobState.ACCEPTED) {
            return;
        }
        // why: one job's events are recorded and first tried in the order they happened, so a receiver does not
        // hear of the success before the start; retries do not hold up the next event
        CompletableFuture<Void> next = lastOfJob.compute(job.id(), (id, before) ->
                (before == null ? CompletableFuture.<Void>completedFuture(null) : before)
                        .thenRunAsync(() -> guarded(() -> record(job)), senders));
        next.whenComplete((done, failed) -> lastOfJob.remove(job.id(), next));
    }

    private void record(Job job) {
        Optional<Subscriber> subscriber = store.subscriber(job.id());
        if (subscriber.isEmpty()) {
            return;
        }
        Subscriber urls = subscriber.get();
        String member;
        Optional<String> uri;
        Optional<String> body;
        switch (job.state()) {
            case RUNNING -> {
                member = "inProgressUri";
                uri = urls.inProgressUri();
                body = uri.isPresent() ? bodies.statusDocument(job, urls.origin()) : Optional.empty();
            }
            case SUCCESSFUL -> {
                member = "successUri";
                uri = urls.successUri();
                body = uri.isPresent() ? bodies.resultsDocument(job, urls.origin()) : Optional.empty();
            }
            default -> {
                member = "failedUri";
                uri = urls.failedUri();
                body = uri.isPresent() ? bodies.problemDocument(job, urls.origin()) : Optional.empty();
            }
        }
        if (uri.isEmpty() || body.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        PendingDelivery pending = store.add(new PendingDelivery(0, job.id(), member, uri.get(), body.get(), 0, now, now));
        if (!stopping) {
            attempt(pending);
        }
    }

    private void schedule(PendingDelivery pending) {
        long delay = Math.max(0, Duration.between(clock.instant(), pending.nextAt()).toMillis());
        if (stopping) {
            return;
        }
        senders.schedule(() -> guarded(() -> attempt(pending)), delay, TimeUnit.MILLISECONDS);
    }

    private void attempt(PendingDelivery pending) {
        String fields = "job=" + pending.job() + " member=" + pending.member() + " uri=" + loggable(pending.uri());
        String problem;
        boolean worthRetrying;
        try {
            // why: the name is looked up and checked again now, and the socket goes to the address just checked
            CallbackTargets.Target target = targets.check(pending.uri());
            int status = poster.post(target, pending.body().getBytes(StandardCharsets.UTF_8), config.timeout());
            if (status / 100 == 2) {
                store.remove(pending.id());
                outcomes.accept("delivered");
                log.info("event=callback-delivered {} status={} attempt={}", fields, status, pending.attempts() + 1);
                return;
            }
            problem = "status=" + status;
            // why: a redirect is not followed, and a client error will not change by asking again
            worthRetrying = status / 100 == 5 || status == 408 || status == 429;
        } catch (CallbackTargets.Refused refused) {
            problem = "refused=\"" + refused.getMessage() + "\"";
            worthRetrying = refused.mayPassLater();
        } catch (java.io.IOException | RuntimeException unreachable) {
            problem = "error=\"" + unreachable.getClass().getSimpleName() + ": " + unreachable.getMessage() + "\"";
            worthRetrying = true;
        }
        PendingDelivery tried = pending.tried(clock.instant().plus(backOff(pending.attempts() + 1)));
        boolean timeLeft = !tried.nextAt().isAfter(pending.firstAt().plus(config.giveUpAfter()));
        if (worthRetrying && tried.attempts() < config.attempts() && timeLeft && !stopping) {
            if (store.update(tried)) {
                outcomes.accept("retried");
                log.warn("event=callback-retry {} {} attempt={} next={}", fields, problem, tried.attempts(), tried.nextAt());
                schedule(tried);
            }
            return;
        }
        if (stopping && worthRetrying) {
            store.update(tried);
            return;
        }
        store.remove(pending.id());
        outcomes.accept("failed");
        log.warn("event=callback-failed {} {} attempts={}", fields, problem, tried.attempts());
    }

    static Duration backOff(int failedAttempts) {
        Duration wait = FIRST_BACK_OFF.multipliedBy(1L << Math.min(20, failedAttempts - 1));
        return wait.compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF : wait;
    }

    // why: a query may carry a token of the receiver's; the log keeps scheme, host and path only
    private static String loggable(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query) + "?…";
    }

    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            failures.failed("callback-error", "", e);
        }
    }

    /** Stops sending; deliveries not made yet stay written down for the next start. */
    public void stop(Duration wait) {
        stopping = true;
        senders.shutdown();
        try {
            if (!senders.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
        poster.close();
    }
}
