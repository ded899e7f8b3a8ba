package dev.sluice.schedule;

import dev.sluice.config.ScheduleConfig;
import dev.sluice.config.ScheduleInputs;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.JobId;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.ScheduleTick;
import dev.sluice.supervision.LoopFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the schedules of the config. Every decision is made from the ticks recorded in the store, and a tick is
 * recorded with its job in one transaction under a unique key, so a tick fires once across restarts and crashes.
 * All time comes from one {@link Clock}.
 */
public final class Scheduler {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    // why: a tick of another node, or a clock set forward, is seen within this long even when the next tick is far
    private static final Duration LONGEST_SLEEP = Duration.ofSeconds(1);

    /** Records a tick (and its job): the queue layer's recordTick, which also wakes the job's queue. */
    public interface TickRecorder {
        Optional<ScheduleTick> record(String schedule, Instant at, Optional<NewJob> job, boolean skipWhileActive);
    }

    private record Entry(String name, ScheduleConfig config, Recurrence recurrence, TaskConfig task, Map<String, String> inputs) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final JobStore store;
    private final TickRecorder recorder;
    private final Clock clock;
    private final Instant since;
    private final Consumer<ScheduleTick> recorded;
    private final LoopFailures failures = new LoopFailures("scheduler");
    private final java.util.function.BooleanSupplier leading;
    private volatile Thread loop;
    private volatile boolean stopping;

    public Scheduler(SluiceConfig config, JobStore store, TickRecorder recorder, Clock clock) {
        this(config, store, recorder, clock, tick -> { }, () -> true);
    }

    /**
     * {@code recorded} hears each tick recorded (the metrics count them); ticks are fired only while {@code leading}
     * (one node of several sharing a database fires them for all, and the one that takes over goes on from the last
     * tick recorded).
     */
    public Scheduler(SluiceConfig config, JobStore store, TickRecorder recorder, Clock clock, Consumer<ScheduleTick> recorded,
                     java.util.function.BooleanSupplier leading) {
        this.recorded = recorded;
        this.leading = leading;
        this.store = store;
        this.recorder = recorder;
        this.clock = clock;
        this.since = clock.instant();
        config.schedules().forEach((name, schedule) -> {
            TaskConfig task = config.tasks().get(schedule.task());
            Map<String, String> inputs = ScheduleInputs.canonical("/schedules/" + name, schedule, task, (at, why) -> {
                throw new IllegalStateException("schedule " + name + " was not checked: " + at + " " + why);
            });
            entries.add(new Entry(name, schedule, Recurrence.of(schedule), task, inputs));
        });
    }

    /** Fires or records every tick that is due now; returns what was recorded. */
    public List<ScheduleTick> runDue() {
        Instant now = clock.instant();
        Map<String, Instant> last = lastTicks();
        List<ScheduleTick> recorded = new ArrayList<>();
        for (Entry entry : entries) {
            try {
                TickPlan.at(entry.recurrence(), Optional.ofNullable(last.get(entry.name())), since, now, entry.config().catchUp())
                        .flatMap(plan -> record(entry, plan))
                        .ifPresent(recorded::add);
            } catch (RuntimeException failed) {
                failures.failed("tick", "schedule=" + entry.name(), failed);
            }
        }
        return recorded;
    }

    /** The next tick of each schedule after its latest recorded one (or after the start), by schedule name. */
    public Map<String, Instant> nextTicks() {
        return nextTicks(lastTicks());
    }

    private Map<String, Instant> nextTicks(Map<String, Instant> last) {
        return entries.stream().collect(Collectors.toMap(Entry::name,
                e -> e.recurrence().next(Optional.ofNullable(last.get(e.name())).orElse(since)), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** Every schedule with its latest tick, the state of the job that tick started, and its next tick. */
    public List<ScheduleStatus> statuses() {
        Map<String, ScheduleTick> last = store.lastTicks().stream()
                .collect(Collectors.toMap(ScheduleTick::schedule, t -> t, (a, b) -> a));
        Map<String, Instant> next = nextTicks(last.values().stream()
                .collect(Collectors.toMap(ScheduleTick::schedule, ScheduleTick::at)));
        return entries.stream().map(e -> {
            Optional<ScheduleTick> tick = Optional.ofNullable(last.get(e.name()));
            Optional<dev.sluice.store.JobState> state = tick.flatMap(ScheduleTick::job).flatMap(store::find).map(dev.sluice.store.Job::state);
            return new ScheduleStatus(e.name(), e.config(), tick, state, next.get(e.name()));
        }).toList();
    }

    private Optional<ScheduleTick> record(Entry entry, TickPlan plan) {
        Optional<NewJob> job = plan.fire()
                ? Optional.of(new NewJob(JobId.random(), entry.config().task(), entry.task().queue(), entry.inputs(), entry.task().retries()))
                : Optional.empty();
        Optional<ScheduleTick> tick = recorder.record(entry.name(), plan.at(), job, entry.config().overlap() == ScheduleConfig.Overlap.SKIP);
        tick.ifPresent(recorded);
        tick.ifPresent(t -> log.info("event=schedule-tick schedule={} tick={} outcome={} job={}", t.schedule(), t.at(),
                t.outcome().wire(), t.job().map(JobId::value).orElse("-")));
        return tick;
    }

    private Map<String, Instant> lastTicks() {
        return store.lastTicks().stream().collect(Collectors.toMap(ScheduleTick::schedule, ScheduleTick::at, (a, b) -> a));
    }

    public void start() {
        if (entries.isEmpty()) {
            return;
        }
        loop = Thread.ofPlatform().name("scheduler").daemon().start(this::loop);
    }

    public void stop(Duration wait) {
        stopping = true;
        Thread running = loop;
        if (running != null) {
            running.interrupt();
            try {
                running.join(wait.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                if (leading.getAsBoolean()) {
                    runDue();
                }
                Instant now = clock.instant();
                Duration sleep = nextTicks().values().stream().map(t -> Duration.between(now, t)).min(Duration::compareTo)
                        .orElse(LONGEST_SLEEP);
                Thread.sleep(Math.clamp(sleep.toMillis(), 10, LONGEST_SLEEP.toMillis()));
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException failed) {
                failures.failed("loop", "", failed);
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(LONGEST_SLEEP.toMillis());
        } catch (InterruptedException stop) {
            stopping = true;
        }
    }
}
