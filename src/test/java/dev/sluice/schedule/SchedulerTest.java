package dev.sluice.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.ScheduleTick;
import dev.sluice.store.SqliteJobStore;
import dev.sluice.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules driven by a settable clock against the real SQLite store: months of ticks in a moment, restarts (a new
 * scheduler on the same store), catch-up, overlap and daylight saving changes.
 */
class SchedulerTest {

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:30Z"));
    private JobStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void an_hourly_schedule_fires_once_an_hour_for_a_month_and_never_twice_for_a_tick() {
        Scheduler scheduler = scheduler("hourly: { task: echo, every: 1h, overlap: queue }");
        List<Instant> fired = new ArrayList<>();

        for (int hour = 0; hour < 24 * 31; hour++) {
            clock.advance(Duration.ofHours(1));
            fired.addAll(firedAt(scheduler.runDue()));
            assertThat(scheduler.runDue()).as("the same instant again").isEmpty();
        }

        assertThat(fired).hasSize(24 * 31).doesNotHaveDuplicates();
        assertThat(fired.getFirst()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
        assertThat(fired).allSatisfy(t -> assertThat(t.getEpochSecond() % 3600).isZero());
        assertThat(store.recent(1000)).hasSize(24 * 31).allSatisfy(job -> assertThat(job.schedule()).hasValue("hourly"));
    }

    @Test
    void a_restart_after_downtime_runs_the_missed_tick_once_never_a_burst() {
        Scheduler before = scheduler("hourly: { task: echo, every: 1h, overlap: queue }");
        clock.advance(Duration.ofHours(1));
        assertThat(firedAt(before.runDue())).containsExactly(Instant.parse("2026-01-01T01:00:00Z"));

        clock.advance(Duration.ofHours(5).plusMinutes(20));
        List<ScheduleTick> afterDowntime = scheduler("hourly: { task: echo, every: 1h, overlap: queue }").runDue();

        assertThat(afterDowntime).singleElement().satisfies(tick -> {
            assertThat(tick.outcome()).isEqualTo(ScheduleTick.Outcome.FIRED);
            assertThat(tick.at()).isEqualTo(Instant.parse("2026-01-01T06:00:00Z"));
        });
        assertThat(store.recent(100)).hasSize(2);
    }

    @Test
    void with_catch_up_skip_a_missed_tick_is_recorded_as_missed_and_the_next_one_fires() {
        Scheduler first = scheduler("hourly: { task: echo, every: 1h, catch-up: skip, overlap: queue }");
        clock.advance(Duration.ofHours(1));
        assertThat(firedAt(first.runDue())).hasSize(1);

        clock.advance(Duration.ofHours(3));
        Scheduler restarted = scheduler("hourly: { task: echo, every: 1h, catch-up: skip, overlap: queue }");
        List<ScheduleTick> missed = restarted.runDue();
        clock.advance(Duration.ofHours(1));
        List<ScheduleTick> next = restarted.runDue();

        assertThat(missed).singleElement().extracting(ScheduleTick::outcome).isEqualTo(ScheduleTick.Outcome.MISSED);
        assertThat(next).singleElement().extracting(ScheduleTick::outcome).isEqualTo(ScheduleTick.Outcome.FIRED);
        assertThat(store.recent(100)).hasSize(2);
    }

    @Test
    void a_tick_found_a_little_late_is_on_time_even_with_catch_up_skip() {
        Scheduler scheduler = scheduler("hourly: { task: echo, every: 1h, catch-up: skip, overlap: queue }");
        clock.advance(Duration.ofHours(1).plusSeconds(20));

        assertThat(scheduler.runDue()).singleElement().extracting(ScheduleTick::outcome).isEqualTo(ScheduleTick.Outcome.FIRED);
    }

    @Test
    void with_overlap_skip_no_new_run_starts_while_the_last_one_waits_or_runs() {
        Scheduler scheduler = scheduler("minutely: { task: echo, every: 1m }");
        clock.advance(Duration.ofMinutes(1));
        ScheduleTick first = scheduler.runDue().getFirst();
        clock.advance(Duration.ofMinutes(1));
        ScheduleTick whileQueued = scheduler.runDue().getFirst();
        store.claimNext("default").orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        ScheduleTick whileRunning = scheduler.runDue().getFirst();
        store.finish(first.job().orElseThrow(), JobState.RUNNING, new JobOutcome.Succeeded("done"));
        clock.advance(Duration.ofMinutes(1));
        ScheduleTick afterwards = scheduler.runDue().getFirst();

        assertThat(first.outcome()).isEqualTo(ScheduleTick.Outcome.FIRED);
        assertThat(whileQueued.outcome()).isEqualTo(ScheduleTick.Outcome.OVERLAP);
        assertThat(whileRunning.outcome()).isEqualTo(ScheduleTick.Outcome.OVERLAP);
        assertThat(afterwards.outcome()).isEqualTo(ScheduleTick.Outcome.FIRED);
        assertThat(scheduler.statuses()).singleElement().satisfies(s -> {
            assertThat(s.lastTick().orElseThrow().at()).isEqualTo(afterwards.at());
            assertThat(s.nextTick()).isEqualTo(afterwards.at().plus(Duration.ofMinutes(1)));
        });
    }

    @Test
    void a_daily_cron_in_berlin_fires_once_a_day_across_both_daylight_saving_changes() {
        clock.set(Instant.parse("2026-03-26T12:00:00Z"));
        Scheduler scheduler = scheduler("nightly: { task: echo, cron: \"30 2 * * *\", time-zone: Europe/Berlin, overlap: queue }");
        List<Instant> fired = new ArrayList<>();

        // a server that wakes at each next tick, as the scheduler's loop does
        while (clock.instant().isBefore(Instant.parse("2026-10-28T00:00:00Z"))) {
            clock.set(scheduler.nextTicks().get("nightly"));
            fired.addAll(firedAt(scheduler.runDue()));
        }

        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(fired).doesNotHaveDuplicates();
        assertThat(fired).contains(Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"),
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(fired).as("02:30 does not exist on 29 March: it fires at 03:00, the end of the gap")
                .contains(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(fired.stream().filter(t -> t.atZone(berlin).toLocalDate().toString().equals("2026-10-25")))
                .as("02:30 happens twice on 25 October: it fires once").hasSize(1);
        assertThat(fired.stream().map(t -> t.atZone(berlin).toLocalDate()).distinct()).hasSize(fired.size());
    }

    private Scheduler scheduler(String schedule) {
        if (store == null) {
            store = SqliteJobStore.open(dir.resolve("sluice.db"), clock);
        }
        return new Scheduler(config(schedule), store, store::recordTick, clock);
    }

    private SluiceConfig config(String schedule) {
        try {
            Path file = dir.resolve("sluice.yaml");
            Files.writeString(file, "tasks:\n  echo:\n    command: [echo, \"{message}\"]\n    inputs:\n"
                    + "      message: { type: string, default: hello }\nschedules:\n  " + schedule + "\n");
            return new ConfigLoader().load(file, java.util.Map.of());
        } catch (java.io.IOException | dev.sluice.config.ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Instant> firedAt(List<ScheduleTick> ticks) {
        return ticks.stream().filter(t -> t.outcome() == ScheduleTick.Outcome.FIRED).map(ScheduleTick::at).toList();
    }
}
