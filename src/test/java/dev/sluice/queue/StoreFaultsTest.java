package dev.sluice.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.StartOptions;
import dev.sluice.store.FailureReason;
import dev.sluice.store.JobId;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.store.SqliteJobStore;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.StoreFaults;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's loops against a store that fails at chosen moments (the real SQLite store behind a fault injector):
 * no failure leaves a job running without a run, and no loop stops serving the jobs after it.
 */
class StoreFaultsTest {

    private static final StartOptions OPTIONS = StartOptions.DEFAULT.reconcilingEvery(Duration.ofMillis(200));

    @TempDir
    Path dir;

    private final StoreFaults faults = new StoreFaults();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(String tasks) {
        server = TestServer.start(dir, "tasks:\n" + tasks, OPTIONS.withStore(faults::wrap));
        return server;
    }

    private String quickTask() {
        return "  quick:\n    command: " + Scripts.command(Scripts.write(dir, "quick.sh", "echo hello")) + "\n";
    }

    @Test
    void a_job_whose_end_the_database_cannot_take_is_recorded_when_it_can_and_the_queue_goes_on() {
        start(quickTask());
        faults.failNext("finishAndClaimNext", 1).failNext("finish", 2);

        String id = server.submit("quick", "{}");
        JsonNode second = server.awaitEnd(server.submit("quick", "{}"));
        JsonNode first = server.awaitEnd(id);

        assertThat(first.path("status").asText()).isEqualTo("successful");
        assertThat(first.path("interruptions").asInt()).isZero();
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
        assertThat(second.path("status").asText()).isEqualTo("successful");
        assertThat(faults.injected()).isEqualTo(3);
    }

    @Test
    void a_job_whose_end_cannot_be_recorded_for_a_bug_fails_internal_and_the_queue_goes_on() {
        start(quickTask());
        faults.fail("finishAndClaimNext", args -> true, 1, new IllegalStateException("injected programming error"));

        JsonNode first = server.awaitEnd(server.submit("quick", "{}"));
        JsonNode second = server.awaitEnd(server.submit("quick", "{}"));

        assertThat(first.path("status").asText()).isEqualTo("failed");
        assertThat(first.path("reason").asText()).isEqualTo("internal");
        assertThat(first.path("message").asText()).isEqualTo(JobRunner.INTERNAL_MESSAGE).doesNotContain("Exception");
        assertThat(second.path("status").asText()).isEqualTo("successful");
        assertThat(faults.injected()).isEqualTo(1);
    }

    @Test
    void a_job_left_running_because_nothing_could_be_recorded_is_settled_by_the_reconciler() {
        start(quickTask());
        faults.fail("finishAndClaimNext", args -> true, 1, new IllegalStateException("injected programming error"))
                .fail("finish", args -> true, 1, new IllegalStateException("injected programming error"));

        String id = server.submit("quick", "{}");
        JsonNode settled = server.awaitEnd(id);

        assertThat(settled.path("status").asText()).isEqualTo("failed");
        assertThat(settled.path("reason").asText()).isEqualTo("internal");
        assertThat(settled.path("message").asText()).isEqualTo(RunReconciler.ORPHAN_MESSAGE);
        assertThat(faults.injected()).isEqualTo(2);
        assertThat(server.awaitEnd(server.submit("quick", "{}")).path("status").asText()).isEqualTo("successful");
    }

    @Test
    void claims_that_fail_are_tried_again_and_the_job_runs() {
        start(quickTask());
        faults.failNext("claimNext", 2);

        JsonNode done = server.awaitEnd(server.submit("quick", "{}"));

        assertThat(done.path("status").asText()).isEqualTo("successful");
        assertThat(faults.injected()).isEqualTo(2);
    }

    @Test
    void progress_that_cannot_be_recorded_does_not_stop_the_job() {
        Path script = Scripts.write(dir, "progress.sh", "for i in 10 20 30; do echo \"::progress $i step $i\"; done\necho finished");
        start("  progress:\n    command: " + Scripts.command(script) + "\n");
        faults.failNext("updateProgress", 1000);

        String id = server.submit("progress", "{}");
        JsonNode done = server.awaitEnd(id);

        assertThat(done.path("status").asText()).isEqualTo("successful");
        assertThat(server.http().get("/jobs/" + id + "/log").body()).contains("::progress 30 step 30", "finished");
        assertThat(faults.injected()).isPositive();
    }

    @Test
    void an_unexpected_failure_after_launch_ends_the_job_internal_and_stops_its_processes() {
        Path pidFile = dir.resolve("job.pid");
        Path script = Scripts.write(dir, "long.sh", "echo $$ > \"" + pidFile + "\"\nsleep 300");
        start("  long:\n    command: " + Scripts.command(script) + "\n    limits: { kill-grace: 500ms }\n" + quickTask());
        // why: the failure waits until the script has written its pid, else a fast kill leaves no pid to check
        faults.fail("recordWorker", args -> pidWritten(pidFile), 1, new IllegalStateException("injected programming error"));

        JsonNode failed = server.awaitEnd(server.submit("long", "{}"));

        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("reason").asText()).isEqualTo("internal");
        long pid = Scripts.pidIn(pidFile);
        await().atMost(TestServer.PATIENCE).until(() -> !Scripts.alive(pid));
        assertThat(server.awaitEnd(server.submit("quick", "{}")).path("status").asText()).isEqualTo("successful");
    }

    @Test
    void a_run_whose_job_was_ended_behind_its_back_is_stopped_by_the_reconciler() {
        Path pidFile = dir.resolve("job.pid");
        Path script = Scripts.write(dir, "long.sh", "echo $$ > \"" + pidFile + "\"\nsleep 300");
        start("  long:\n    command: " + Scripts.command(script) + "\n    limits: { kill-grace: 500ms }\n" + quickTask());

        String id = server.submit("long", "{}");
        await().atMost(TestServer.PATIENCE).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        faults.real().finish(new JobId(id), JobState.RUNNING, new JobOutcome.Failed(FailureReason.EXIT_CODE, "ended elsewhere"));

        long pid = Scripts.pidIn(pidFile);
        await().atMost(TestServer.PATIENCE).until(() -> !Scripts.alive(pid));
        assertThat(server.status(id).path("message").asText()).isEqualTo("ended elsewhere");
        assertThat(server.awaitEnd(server.submit("quick", "{}")).path("status").asText()).isEqualTo("successful");
    }

    @Test
    void start_up_recovery_settles_every_job_it_can_when_the_store_fails_for_one() {
        Path data = dir.resolve("data");
        JobId stuck = JobId.random();
        JobId rescued = JobId.random();
        try (JobStore before = openStore(dir, data)) {
            before.insert(new NewJob(stuck, "quick", "default", Map.of(), 0));
            before.insert(new NewJob(rescued, "quick", "default", Map.of(), 0));
            before.claimNext("default").orElseThrow();
            before.claimNext("default").orElseThrow();
        }
        faults.fail("requeue", args -> args[0].equals(stuck), 1, new IllegalStateException("injected programming error"));

        start(quickTask());

        JsonNode rerun = server.awaitEnd(rescued.value());
        assertThat(rerun.path("status").asText()).isEqualTo("successful");
        assertThat(rerun.path("interruptions").asInt()).isEqualTo(1);
        JsonNode settled = server.awaitEnd(stuck.value());
        assertThat(settled.path("status").asText()).isEqualTo("failed");
        assertThat(settled.path("reason").asText()).isEqualTo("internal");
    }

    private static boolean pidWritten(Path pidFile) {
        await().atMost(TestServer.PATIENCE).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        return true;
    }

    /** The store the server started in {@code dir} will use: its SQLite file, or its PostgreSQL database in that pass. */
    private static JobStore openStore(Path dir, Path data) {
        if (TestServer.onPostgres()) {
            return dev.sluice.store.PostgresJobStore.open(dev.sluice.testing.PostgresServer.shared().databaseFor(dir), Clock.systemUTC());
        }
        try {
            Files.createDirectories(data);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return SqliteJobStore.open(data.resolve("sluice.db"), Clock.systemUTC());
    }
}
