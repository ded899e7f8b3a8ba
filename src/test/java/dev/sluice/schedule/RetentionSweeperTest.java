package dev.sluice.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.FailureReason;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.SqliteJobStore;
import dev.sluice.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention against the real store and real job folders, with a settable clock: what is old goes, nothing live does. */
class RetentionSweeperTest {

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private JobStore store;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void old_finished_jobs_go_with_their_folders_failed_ones_later_and_live_ones_never() throws Exception {
        RetentionSweeper sweeper = sweeper("""
                retention: { keep: 30d, keep-failed: 90d }
                tasks:
                  echo: { command: [echo] }
                  precious: { command: [echo], retention: { keep: 365d } }
                """);
        JobId done = finished("echo", new JobOutcome.Succeeded("ok"));
        JobId failed = finished("echo", new JobOutcome.Failed(FailureReason.EXIT_CODE, "1"));
        JobId kept = finished("precious", new JobOutcome.Succeeded("ok"));
        JobId queued = store.insert(new NewJob(JobId.random(), "echo", "default", Map.of(), 0)).id();
        Path outside = Files.writeString(dir.resolve("outside.txt"), "not the job's");
        Files.createSymbolicLink(folder(done).resolve("link"), outside);

        clock.advance(Duration.ofDays(29));
        assertThat(sweeper.sweep().jobs()).as("nothing is 30 days old yet").isZero();

        clock.advance(Duration.ofDays(2));
        RetentionSweeper.Sweep first = sweeper.sweep();

        assertThat(first.jobs()).isEqualTo(1);
        assertThat(first.bytes()).isEqualTo(1000);
        assertThat(store.find(done)).isEmpty();
        assertThat(folder(done)).doesNotExist();
        assertThat(outside).as("a link in the folder is removed, not followed").hasContent("not the job's");
        assertThat(store.retention().removedAt(done)).hasValue(clock.instant());
        assertThat(store.find(failed)).isPresent();
        assertThat(store.find(kept)).isPresent();

        clock.advance(Duration.ofDays(60));
        assertThat(sweeper.sweep().jobs()).as("the failed job after 90 days").isEqualTo(1);
        assertThat(store.find(failed)).isEmpty();
        assertThat(folder(failed)).doesNotExist();

        clock.advance(Duration.ofDays(3650));
        sweeper.sweep();
        assertThat(store.find(kept)).as("365 days for its task").isEmpty();
        assertThat(store.find(queued)).as("a queued job, however old").isPresent();
        assertThat(store.find(queued).orElseThrow().state()).isEqualTo(JobState.ACCEPTED);
    }

    @Test
    void a_large_backlog_goes_in_batches_in_one_sweep() throws Exception {
        RetentionSweeper sweeper = sweeper("retention: { keep: 1d }\ntasks:\n  echo: { command: [echo] }\n");
        for (int i = 0; i < 450; i++) {
            finished("echo", new JobOutcome.Succeeded("ok"));
        }
        clock.advance(Duration.ofDays(2));

        assertThat(sweeper.sweep().jobs()).isEqualTo(450);
        assertThat(store.recent(10)).isEmpty();
    }

    @Test
    void past_max_disk_the_jobs_that_finished_first_go_until_the_rest_fit() throws Exception {
        RetentionSweeper sweeper = sweeper("retention: { max-disk: 3KB }\ntasks:\n  echo: { command: [echo] }\n");
        java.util.List<JobId> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(finished("echo", new JobOutcome.Succeeded("ok")));
            clock.advance(Duration.ofMinutes(1));
        }
        JobId running = store.insert(new NewJob(JobId.random(), "echo", "default", Map.of(), 0)).id();
        store.claimNext("default").orElseThrow();
        Files.createDirectories(folder(running));
        Files.write(folder(running).resolve("big.bin"), new byte[10_000]);

        RetentionSweeper.Sweep trimmed = sweeper.sweep();

        assertThat(trimmed.jobs()).as("5,000 bytes down to at most 3,072").isEqualTo(2);
        assertThat(trimmed.bytes()).isEqualTo(2000);
        assertThat(store.find(jobs.get(0))).isEmpty();
        assertThat(store.find(jobs.get(1))).isEmpty();
        assertThat(jobs.subList(2, 5)).allSatisfy(id -> assertThat(store.find(id)).isPresent());
        assertThat(store.find(running)).as("a running job's folder is not counted, nor the job removed").isPresent();
        assertThat(store.retention().diskUse()).isEqualTo(3000);
        assertThat(sweeper.sweep().jobs()).as("nothing more while it fits").isZero();
    }

    private JobId finished(String task, JobOutcome outcome) throws Exception {
        JobId id = store.insert(new NewJob(JobId.random(), task, "default", Map.of(), 0)).id();
        store.claimNext("default").orElseThrow();
        Files.createDirectories(folder(id).resolve("out"));
        Files.write(folder(id).resolve("out").resolve("result.bin"), new byte[1000]);
        store.finish(id, JobState.RUNNING, outcome);
        return id;
    }

    private Path folder(JobId id) {
        return dir.resolve("data").resolve("jobs").resolve(id.value());
    }

    private RetentionSweeper sweeper(String yaml) throws Exception {
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, yaml);
        SluiceConfig config = new ConfigLoader().load(file, Map.of());
        store = SqliteJobStore.open(dir.resolve("sluice.db"), clock);
        return new RetentionSweeper(config, store, dir.resolve("data"), clock);
    }
}
