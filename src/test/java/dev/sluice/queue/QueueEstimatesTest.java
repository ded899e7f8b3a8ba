package dev.sluice.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.events.ObservedJobStore;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.SqliteJobStore;
import dev.sluice.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Estimates from the median of recent runs, laid out over a queue's slots, against a real store and a hand-moved clock. */
class QueueEstimatesTest {

    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(T0);
    private JobStore sqlite;
    private JobStore store;
    private QueueEstimates estimates;

    @BeforeEach
    void open() throws Exception {
        SluiceConfig config = new ConfigLoader().parse("""
                queues:
                  default: { concurrency: 1 }
                  pair: { concurrency: 2 }
                tasks:
                  fit: { command: [true] }
                  plot: { command: [true] }
                """, "test.yaml", dir, Map.of());
        sqlite = SqliteJobStore.open(dir.resolve("sluice.db"), clock);
        estimates = new QueueEstimates(config, sqlite, clock);
        store = new ObservedJobStore(sqlite, List.of(estimates));
        estimates.load();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_waiting_job_starts_after_the_running_one_and_those_ahead_each_take_their_tasks_median() {
        runs("fit", "default", 60, 120, 600);
        runs("plot", "default", 10);
        Job running = insertAndClaim("fit", "default");
        clock.advance(Duration.ofSeconds(30));
        insert("plot", "default");
        Job mine = insert("fit", "default");

        QueueEstimates.Estimate estimate = estimates.estimate(mine).orElseThrow();

        // fit's median is 120 s: the running one ends 90 s from now, the plot ahead takes 10 s, then mine 120 s
        Instant now = clock.instant();
        assertThat(estimate.start()).contains(now.plusSeconds(100));
        assertThat(estimate.finish()).contains(now.plusSeconds(220));
        assertThat(running.started()).contains(T0.plusSeconds(60 + 120 + 600 + 10));
    }

    @Test
    void a_queue_of_concurrency_two_runs_the_jobs_ahead_side_by_side() {
        runs("fit", "pair", 100);
        insert("fit", "pair");
        insert("fit", "pair");
        Job third = insert("fit", "pair");

        QueueEstimates.Estimate estimate = estimates.estimate(third).orElseThrow();

        assertThat(estimate.start()).contains(clock.instant().plusSeconds(100));
    }

    @Test
    void far_down_a_long_queue_the_jobs_ahead_share_the_slots_evenly() {
        runs("fit", "pair", 100);
        List<Job> line = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            line.add(insert("fit", "pair"));
        }
        Instant now = clock.instant();

        // 200 jobs of 100 s ahead on two slots: 100 rounds
        assertThat(estimates.estimate(line.get(200)).orElseThrow().start()).contains(now.plusSeconds(10_000));
        // 99 ahead, with hundreds behind: exact would be 4,900 s; the even spread may miss by less than a job
        assertThat(estimates.estimate(line.get(99)).orElseThrow().start().orElseThrow())
                .isBetween(now.plusSeconds(4_900), now.plusSeconds(5_000));
        assertThat(estimates.estimate(line.getLast()).orElseThrow().start()).contains(now.plusSeconds(29_950));
    }

    @Test
    void a_running_job_is_estimated_to_finish_a_median_after_its_start_but_not_before_now() {
        runs("fit", "default", 100);
        Job running = insertAndClaim("fit", "default");
        clock.advance(Duration.ofSeconds(40));

        assertThat(estimates.estimate(running).orElseThrow().finish()).contains(clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(100));
        assertThat(estimates.estimate(running).orElseThrow().finish()).contains(clock.instant());
    }

    @Test
    void without_a_successful_run_to_go_by_there_is_no_estimate_of_time() {
        insertAndClaim("fit", "default");
        Job waiting = insert("fit", "default");

        QueueEstimates.Estimate estimate = estimates.estimate(waiting).orElseThrow();

        assertThat(estimate.start()).isEmpty();
        assertThat(estimate.finish()).isEmpty();
    }

    @Test
    void runs_that_succeed_after_the_first_estimate_count_in_the_median() {
        runs("fit", "default", 100);
        Job first = insertAndClaim("fit", "default");
        assertThat(estimates.estimate(first).orElseThrow().finish()).contains(clock.instant().plusSeconds(100));
        clock.advance(Duration.ofSeconds(300));
        store.finish(first.id(), JobState.RUNNING, new JobOutcome.Succeeded("ok"));
        runs("fit", "default", 300);

        Job next = insertAndClaim("fit", "default");

        assertThat(estimates.estimate(next).orElseThrow().finish()).contains(clock.instant().plusSeconds(300));
    }

    @Test
    void jobs_that_wait_when_the_server_starts_are_known_from_the_store() throws Exception {
        runs("fit", "default", 100);
        insertAndClaim("fit", "default");
        Job waiting = insert("fit", "default");
        QueueEstimates afterRestart = new QueueEstimates(new ConfigLoader().parse(
                "tasks:\n  fit: { command: [true] }\n", "test.yaml", dir, Map.of()), sqlite, clock);

        afterRestart.load();

        assertThat(afterRestart.estimate(waiting).orElseThrow().start()).contains(clock.instant().plusSeconds(100));
    }

    @Test
    void a_finished_job_has_no_estimate() {
        runs("fit", "default", 100);
        Job done = store.recent(1).getFirst();

        assertThat(estimates.estimate(done)).isEmpty();
    }

    /** Runs one job of the task per duration, one after another, each succeeding after that many seconds. */
    private void runs(String task, String queue, int... seconds) {
        for (int s : seconds) {
            Job job = insertAndClaim(task, queue);
            clock.advance(Duration.ofSeconds(s));
            store.finish(job.id(), JobState.RUNNING, new JobOutcome.Succeeded("ok"));
        }
    }

    private Job insert(String task, String queue) {
        return store.insert(new NewJob(JobId.random(), task, queue, Map.of(), 0));
    }

    private Job insertAndClaim(String task, String queue) {
        Job job = insert(task, queue);
        Job claimed = store.claimNext(queue).orElseThrow();
        assertThat(claimed.id()).isEqualTo(job.id());
        return claimed;
    }
}
