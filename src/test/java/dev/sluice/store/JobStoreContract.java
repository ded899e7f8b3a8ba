package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link JobStore} must have, written against the interface only. Each implementation
 * subclasses it once and says how to open a store on a folder.
 */
abstract class JobStoreContract {

    @TempDir
    protected Path dir;

    protected JobStore store;

    /** Opens the store kept in {@code dir}, creating it when the folder is empty. */
    protected abstract JobStore openStore(Path dir);

    @BeforeEach
    void openTheStore() {
        store = openStore(dir);
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }

    /** Closes the store and opens it again on the same folder, as a server restart would. */
    protected void reopen() {
        store.close();
        store = openStore(dir);
    }

    // ---- insert and find

    @Test
    void an_inserted_job_is_accepted_with_its_inputs_task_and_queue() {
        JobId id = JobId.random();
        store.insert(new NewJob(id, "analyze", "heavy", Map.of("image", "/in/a.png", "level", "3"), 2));

        Job job = store.find(id).orElseThrow();

        assertThat(job.id()).isEqualTo(id);
        assertThat(job.state()).isEqualTo(JobState.ACCEPTED);
        assertThat(job.task()).isEqualTo("analyze");
        assertThat(job.queue()).isEqualTo("heavy");
        assertThat(job.inputs()).containsExactlyInAnyOrderEntriesOf(Map.of("image", "/in/a.png", "level", "3"));
        assertThat(job.attempts()).isZero();
        assertThat(job.maxRetries()).isEqualTo(2);
        assertThat(job.reason()).isEmpty();
        assertThat(job.progress()).isEmpty();
        assertThat(job.worker()).isEmpty();
        assertThat(job.started()).isEmpty();
        assertThat(job.finished()).isEmpty();
    }

    @Test
    void insert_if_room_refuses_a_job_once_its_queue_holds_max_waiting_accepted_jobs() {
        insert("small");
        insert("small");
        insertAndClaim("other");

        Optional<Job> third = store.insertIfRoom(new NewJob(JobId.random(), "t", "small", Map.of(), 0), 2);
        Optional<Job> elsewhere = store.insertIfRoom(new NewJob(JobId.random(), "t", "other", Map.of(), 0), 2);

        assertThat(third).isEmpty();
        assertThat(elsewhere).isPresent();
        assertThat(store.count("small", JobState.ACCEPTED)).isEqualTo(2);
    }

    @Test
    void concurrent_inserts_never_exceed_max_waiting() throws Exception {
        int maxWaiting = 10;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Optional<Job>>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> store.insertIfRoom(new NewJob(JobId.random(), "t", "q", Map.of(), 0), maxWaiting)));
            }
            long admitted = 0;
            for (Future<Optional<Job>> r : results) {
                admitted += r.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(maxWaiting);
            assertThat(store.count("q", JobState.ACCEPTED)).isEqualTo(maxWaiting);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void insert_returns_the_job_as_committed() {
        Job inserted = insert("default");

        assertThat(store.find(inserted.id())).contains(inserted);
    }

    @Test
    void find_of_an_unknown_id_is_empty() {
        insert("default");

        assertThat(store.find(JobId.random())).isEmpty();
    }

    @Test
    void job_ids_are_32_hex_digits_and_distinct() {
        IntStream.range(0, 50).forEach(i -> insert("default"));

        List<String> ids = store.recent(50).stream().map(job -> job.id().value()).toList();

        assertThat(ids).hasSize(50).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{32}"));
    }

    // ---- claiming

    @Test
    void claim_next_takes_the_jobs_of_a_queue_oldest_first() {
        Job first = insert("default");
        Job second = insert("default");
        Job third = insert("default");

        assertThat(claimedId("default")).isEqualTo(first.id());
        assertThat(claimedId("default")).isEqualTo(second.id());
        assertThat(claimedId("default")).isEqualTo(third.id());
    }

    @Test
    void claim_next_ignores_jobs_of_other_queues() {
        Job elsewhere = insert("other");
        Job here = insert("default");

        assertThat(claimedId("default")).isEqualTo(here.id());
        assertThat(store.claimNext("default")).isEmpty();
        assertThat(store.find(elsewhere.id()).orElseThrow().state()).isEqualTo(JobState.ACCEPTED);
    }

    @Test
    void claim_next_counts_the_attempt_and_marks_the_job_started() {
        Job inserted = insert("default");

        Job claimed = store.claimNext("default").orElseThrow();

        assertThat(claimed.state()).isEqualTo(JobState.RUNNING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.started()).hasValueSatisfying(started -> assertThat(started).isAfterOrEqualTo(inserted.created()));
        assertThat(store.find(inserted.id())).contains(claimed);
    }

    @Test
    void claim_next_on_an_empty_queue_is_empty() {
        assertThat(store.claimNext("default")).isEmpty();
    }

    @Test
    void claim_next_skips_jobs_that_are_no_longer_accepted() {
        Job dismissed = insert("default");
        store.finish(dismissed.id(), JobState.ACCEPTED, new JobOutcome.Dismissed("cancelled"));

        assertThat(store.claimNext("default")).isEmpty();
    }

    @Test
    void claims_each_job_once_under_contention() throws Exception {
        int jobs = 200;
        int threads = 4;
        List<JobId> inserted = IntStream.range(0, jobs).mapToObj(i -> insert("default").id()).toList();
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<JobId>> claimer = () -> {
            start.await();
            List<JobId> mine = new ArrayList<>();
            for (Optional<Job> next = store.claimNext("default"); next.isPresent(); next = store.claimNext("default")) {
                mine.add(next.get().id());
            }
            return mine;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<JobId> claimed = new ArrayList<>();
        try {
            List<Future<List<JobId>>> results = IntStream.range(0, threads).mapToObj(i -> pool.submit(claimer)).toList();
            start.countDown();
            for (Future<List<JobId>> result : results) {
                claimed.addAll(result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inserted);
        assertThat(store.count("default", JobState.RUNNING)).isEqualTo(jobs);
        assertThat(store.inState(JobState.RUNNING)).allSatisfy(job -> assertThat(job.attempts()).isEqualTo(1));
    }

    @Test
    void writers_on_platform_and_virtual_threads_all_return_while_readers_hold_the_store() throws Exception {
        int writers = 24;
        int jobsEach = 50;
        CountDownLatch start = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Future<?>> work = new ArrayList<>();
        ExecutorService platform = Executors.newFixedThreadPool(writers / 2 + 2);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int w = 0; w < writers; w++) {
                ExecutorService on = w % 2 == 0 ? platform : virtual;
                work.add(on.submit(() -> {
                    start.await();
                    for (int i = 0; i < jobsEach; i++) {
                        Job job = insert("default");
                        if (i % 5 == 0) {
                            store.claimNext("default").ifPresent(c -> store.finish(c.id(), JobState.RUNNING, new JobOutcome.Succeeded("ok")));
                        }
                        assertThat(job.state()).isEqualTo(JobState.ACCEPTED);
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 2; r++) {
                platform.submit(() -> {
                    while (writing.get()) {
                        store.count("default", JobState.ACCEPTED);
                        store.recent(5);
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            // why: a writer left asleep must fail the test, not hang it
            writing.set(false);
            platform.shutdownNow();
            virtual.shutdownNow();
        }

        int total = writers * jobsEach;
        int ended = store.count("default", JobState.SUCCESSFUL);
        assertThat(store.count("default", JobState.ACCEPTED) + ended).isEqualTo(total);
        assertThat(ended).isEqualTo(writers * jobsEach / 5);
        Job newest = store.recent(1).getFirst();
        assertThat(store.positionInQueue(newest)).isEqualTo(total - ended - 1);
    }

    // ---- finishing

    @Test
    void finish_moves_a_running_job_to_successful() {
        Job running = insertAndClaim("default");

        Job done = store.finish(running.id(), JobState.RUNNING, new JobOutcome.Succeeded("all good"));

        assertThat(done.state()).isEqualTo(JobState.SUCCESSFUL);
        assertThat(done.message()).isEqualTo("all good");
        assertThat(done.reason()).isEmpty();
        assertThat(done.finished()).hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(running.started().orElseThrow()));
        assertThat(store.find(running.id())).contains(done);
    }

    @Test
    void finish_records_the_reason_and_message_of_a_failure() {
        Job running = insertAndClaim("default");

        Job failed = store.finish(running.id(), JobState.RUNNING,
                new JobOutcome.Failed(FailureReason.TIMEOUT, "ran longer than 10m"));

        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.reason()).contains(FailureReason.TIMEOUT);
        assertThat(failed.message()).isEqualTo("ran longer than 10m");
        assertThat(failed.finished()).isPresent();
        assertThat(store.find(running.id())).contains(failed);
    }

    @Test
    void finish_can_dismiss_a_running_job() {
        Job running = insertAndClaim("default");

        Job dismissed = store.finish(running.id(), JobState.RUNNING, new JobOutcome.Dismissed("cancelled by user"));

        assertThat(dismissed.state()).isEqualTo(JobState.DISMISSED);
        assertThat(dismissed.message()).isEqualTo("cancelled by user");
        assertThat(dismissed.reason()).isEmpty();
        assertThat(dismissed.finished()).isPresent();
    }

    @Test
    void finish_can_dismiss_a_job_still_waiting_in_its_queue() {
        Job waiting = insert("default");

        Job dismissed = store.finish(waiting.id(), JobState.ACCEPTED, new JobOutcome.Dismissed("expired in the queue"));

        assertThat(dismissed.state()).isEqualTo(JobState.DISMISSED);
        assertThat(store.count("default", JobState.ACCEPTED)).isZero();
    }

    @Test
    void finish_with_an_expected_state_that_is_not_the_current_one_is_rejected_and_changes_nothing() {
        Job running = insertAndClaim("default");

        assertThatThrownBy(() -> store.finish(running.id(), JobState.ACCEPTED, new JobOutcome.Dismissed("too late")))
                .isInstanceOfSatisfying(IllegalTransitionException.class,
                        e -> assertThat(e.current()).isEqualTo(JobState.RUNNING));
        assertThat(store.find(running.id())).contains(running);
    }

    @Test
    void a_successful_job_cannot_be_finished_again() {
        Job running = insertAndClaim("default");
        Job done = store.finish(running.id(), JobState.RUNNING, new JobOutcome.Succeeded("done"));

        assertThatThrownBy(() -> store.finish(done.id(), JobState.SUCCESSFUL,
                new JobOutcome.Failed(FailureReason.CRASHED, "second opinion")))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(store.find(done.id())).contains(done);
    }

    @Test
    void an_accepted_job_cannot_succeed_without_running() {
        Job waiting = insert("default");

        assertThatThrownBy(() -> store.finish(waiting.id(), JobState.ACCEPTED, new JobOutcome.Succeeded("shortcut")))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(store.find(waiting.id())).contains(waiting);
    }

    @Test
    void an_accepted_job_cannot_fail_without_running() {
        Job waiting = insert("default");

        assertThatThrownBy(() -> store.finish(waiting.id(), JobState.ACCEPTED,
                new JobOutcome.Failed(FailureReason.EXIT_CODE, "never ran")))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(store.find(waiting.id())).contains(waiting);
    }

    // ---- requeue

    @Test
    void requeue_puts_a_running_job_back_ahead_of_younger_jobs() {
        Job older = insert("default");
        Job younger = insert("default");
        store.claimNext("default").orElseThrow();

        Job requeued = store.requeue(older.id(), "retrying");

        assertThat(requeued.state()).isEqualTo(JobState.ACCEPTED);
        assertThat(requeued.message()).isEqualTo("retrying");
        assertThat(requeued.started()).isEmpty();
        Job again = store.claimNext("default").orElseThrow();
        assertThat(again.id()).isEqualTo(older.id());
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(claimedId("default")).isEqualTo(younger.id());
    }

    @Test
    void an_interrupted_run_counts_as_an_attempt_and_an_interruption_but_spends_no_retry() {
        Job running = insertAndClaim("default");
        assertThat(running.retriesLeft()).as("retries: 0").isFalse();

        Job requeued = store.requeue(running.id(), RequeueCause.INTERRUPTED, "re-queued: the server died");
        Job rerun = store.claimNext("default").orElseThrow();

        assertThat(requeued.interruptions()).isEqualTo(1);
        assertThat(rerun.attempts()).isEqualTo(2);
        assertThat(rerun.interruptions()).isEqualTo(1);
        assertThat(rerun.retriesLeft()).as("the interrupted run spent no retry").isFalse();
        Job failed = store.finish(rerun.id(), JobState.RUNNING, new JobOutcome.Failed(FailureReason.INTERRUPTED, "again"));
        assertThat(failed.interruptions()).as("failing as interrupted counts that interruption too").isEqualTo(2);
    }

    @Test
    void a_run_that_never_started_is_not_counted_as_an_attempt() {
        Job running = insertAndClaim("default");

        Job requeued = store.requeue(running.id(), RequeueCause.NEVER_STARTED, "re-queued: the server stopped before it ran");

        assertThat(requeued.attempts()).isZero();
        assertThat(requeued.interruptions()).isZero();
        assertThat(store.claimNext("default").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void a_retry_counts_the_attempt_and_no_interruption() {
        Job running = insertAndClaim("default");

        Job requeued = store.requeue(running.id(), "retrying");

        assertThat(requeued.attempts()).isEqualTo(1);
        assertThat(requeued.interruptions()).isZero();
    }

    @Test
    void requeue_of_an_accepted_job_is_rejected() {
        Job waiting = insert("default");

        assertThatThrownBy(() -> store.requeue(waiting.id(), "again"))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(store.find(waiting.id())).contains(waiting);
    }

    @Test
    void requeue_of_a_finished_job_is_rejected() {
        Job running = insertAndClaim("default");
        Job failed = store.finish(running.id(), JobState.RUNNING, new JobOutcome.Failed(FailureReason.EXIT_CODE, "exit 1"));

        assertThatThrownBy(() -> store.requeue(failed.id(), "again"))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(store.find(failed.id())).contains(failed);
    }

    // ---- progress and worker

    @Test
    void update_progress_sets_progress_and_message_of_a_running_job() {
        Job running = insertAndClaim("default");

        store.updateProgress(running.id(), 42, "stage 2 of 5");

        Job job = store.find(running.id()).orElseThrow();
        assertThat(job.progress()).contains(42);
        assertThat(job.message()).isEqualTo("stage 2 of 5");
    }

    @Test
    void update_progress_is_ignored_for_an_accepted_job() {
        Job waiting = insert("default");

        store.updateProgress(waiting.id(), 42, "stage 2 of 5");

        assertThat(store.find(waiting.id())).contains(waiting);
    }

    @Test
    void update_progress_is_ignored_for_a_finished_job() {
        Job running = insertAndClaim("default");
        Job failed = store.finish(running.id(), JobState.RUNNING, new JobOutcome.Failed(FailureReason.MEMORY, "out of memory"));

        store.updateProgress(running.id(), 99, "late report");

        assertThat(store.find(running.id())).contains(failed);
    }

    @Test
    void record_worker_stores_the_pid_and_start_of_the_process() {
        Job running = insertAndClaim("default");
        Instant processStart = Instant.ofEpochMilli(1_700_000_000_123L);

        store.recordWorker(running.id(), new Job.WorkerProcess(4242, processStart));

        assertThat(store.find(running.id()).orElseThrow().worker()).contains(new Job.WorkerProcess(4242, processStart));
    }

    // ---- queries

    @Test
    void positions_in_a_long_queue_stay_exact_at_both_ends_and_after_claims_and_cancels() {
        List<Job> line = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            line.add(insert("long"));
        }
        assertThat(store.positionInQueue(line.get(0))).isZero();
        assertThat(store.positionInQueue(line.get(100))).isEqualTo(100);
        assertThat(store.positionInQueue(line.get(599))).isEqualTo(599);

        for (int i = 0; i < 5; i++) {
            store.claimNext("long");
        }
        store.finish(line.get(300).id(), JobState.ACCEPTED, new JobOutcome.Dismissed("cancelled"));
        store.finish(line.get(590).id(), JobState.ACCEPTED, new JobOutcome.Dismissed("cancelled"));

        assertThat(store.positionInQueue(line.get(5))).isZero();
        assertThat(store.positionInQueue(line.get(200))).isEqualTo(195);
        assertThat(store.positionInQueue(line.get(595))).isEqualTo(588);
        assertThat(store.positionInQueue(line.get(599))).isEqualTo(592);
    }

    @Test
    void position_in_queue_counts_the_accepted_jobs_ahead_in_the_same_queue_only() {
        Job elsewhere = insert("other");
        insert("default");
        Job next = insert("default");
        Job last = insert("default");
        insert("other");
        store.claimNext("default").orElseThrow();

        assertThat(store.positionInQueue(next)).isZero();
        assertThat(store.positionInQueue(last)).isEqualTo(1);
        assertThat(store.positionInQueue(elsewhere)).isZero();
    }

    @Test
    void count_counts_the_jobs_of_one_queue_in_one_state() {
        insert("default");
        insert("default");
        insert("default");
        insert("other");
        store.claimNext("default").orElseThrow();

        assertThat(store.count("default", JobState.ACCEPTED)).isEqualTo(2);
        assertThat(store.count("default", JobState.RUNNING)).isEqualTo(1);
        assertThat(store.count("other", JobState.ACCEPTED)).isEqualTo(1);
        assertThat(store.count("other", JobState.RUNNING)).isZero();
        assertThat(store.count("nowhere", JobState.ACCEPTED)).isZero();
    }

    @Test
    void in_state_lists_the_jobs_in_that_state_across_queues() {
        Job runningHere = insertAndClaim("default");
        Job runningThere = insertAndClaim("other");
        Job waiting = insert("default");

        assertThat(store.inState(JobState.RUNNING)).extracting(Job::id)
                .containsExactlyInAnyOrder(runningHere.id(), runningThere.id());
        assertThat(store.inState(JobState.ACCEPTED)).extracting(Job::id).containsExactly(waiting.id());
        assertThat(store.inState(JobState.FAILED)).isEmpty();
    }

    @Test
    void recent_returns_at_most_limit_jobs_newest_first() {
        List<JobId> ids = IntStream.range(0, 5).mapToObj(i -> insert("default").id()).toList();

        assertThat(store.recent(3)).extracting(Job::id).containsExactly(ids.get(4), ids.get(3), ids.get(2));
        assertThat(store.recent(10)).hasSize(5);
    }

    // ---- listing with a query

    @Test
    void a_query_narrows_by_state_and_task_and_keeps_newest_first() {
        Job waitingEcho = insert("a");
        Job runningEcho = insertAndClaim("b");
        Job waitingOther = store.insert(new NewJob(JobId.random(), "other", "a", Map.of(), 0));

        assertThat(store.list(JobQuery.everyones(10).inStates(java.util.Set.of(JobState.ACCEPTED)))).extracting(Job::id)
                .containsExactly(waitingOther.id(), waitingEcho.id());
        assertThat(store.list(JobQuery.everyones(10).ofTasks(java.util.Set.of("echo")))).extracting(Job::id)
                .containsExactly(runningEcho.id(), waitingEcho.id());
        assertThat(store.list(JobQuery.everyones(10).inStates(java.util.Set.of(JobState.ACCEPTED, JobState.RUNNING))
                .ofTasks(java.util.Set.of("echo", "absent")))).extracting(Job::id).containsExactly(runningEcho.id(), waitingEcho.id());
        assertThat(store.list(JobQuery.everyones(1))).extracting(Job::id).containsExactly(waitingOther.id());
    }

    @Test
    void a_query_for_one_owner_never_returns_another_owners_jobs() {
        Job alices = store.insert(new NewJob(JobId.random(), "echo", "q", Map.of(), 0).ownedBy("alice"));
        store.insert(new NewJob(JobId.random(), "echo", "q", Map.of(), 0).ownedBy("bob"));
        insert("q");

        assertThat(store.list(JobQuery.everyones(10).ownedBy("alice"))).extracting(Job::id).containsExactly(alices.id());
        assertThat(store.list(JobQuery.everyones(10).ownedBy("carol"))).isEmpty();
        assertThat(store.list(JobQuery.everyones(10))).hasSize(3);
    }

    @Test
    void a_query_narrows_by_creation_time_with_both_bounds_included() {
        Job first = insertOnALaterMillisecond();
        Job second = insertOnALaterMillisecond();
        Job third = insertOnALaterMillisecond();
        Optional<Instant> none = Optional.empty();

        assertThat(store.list(JobQuery.everyones(10).createdBetween(Optional.of(second.created()), none))).extracting(Job::id)
                .containsExactly(third.id(), second.id());
        assertThat(store.list(JobQuery.everyones(10).createdBetween(none, Optional.of(second.created())))).extracting(Job::id)
                .containsExactly(second.id(), first.id());
        assertThat(store.list(JobQuery.everyones(10).createdBetween(Optional.of(second.created()), Optional.of(second.created()))))
                .extracting(Job::id).containsExactly(second.id());
    }

    @Test
    void line_up_lists_the_waiting_and_running_jobs_of_one_queue_in_submission_order() {
        Job running = insertAndClaim("q");
        Job first = insert("q");
        insert("other");
        Job second = insert("q");
        store.finish(insertAndClaim("done").id(), JobState.RUNNING, new JobOutcome.Succeeded("ok"));

        List<QueuedJob> lineUp = store.lineUp("q");

        assertThat(lineUp).extracting(QueuedJob::sequence).containsExactly(running.sequence(), first.sequence(), second.sequence());
        assertThat(lineUp).extracting(QueuedJob::state).containsExactly(JobState.RUNNING, JobState.ACCEPTED, JobState.ACCEPTED);
        assertThat(lineUp.get(0).started()).isPresent();
        assertThat(lineUp.get(1).started()).isEmpty();
    }

    @Test
    void recent_durations_come_from_successful_runs_of_that_task_only_newest_first() {
        Job older = store.finish(insertAndClaim("q").id(), JobState.RUNNING, new JobOutcome.Succeeded("ok"));
        Job newer = store.finish(insertAndClaim("q").id(), JobState.RUNNING, new JobOutcome.Succeeded("ok"));
        store.finish(insertAndClaim("q").id(), JobState.RUNNING, new JobOutcome.Failed(FailureReason.EXIT_CODE, "exit 1"));
        store.insert(new NewJob(JobId.random(), "other-task", "q", Map.of(), 0));
        store.finish(store.claimNext("q").orElseThrow().id(), JobState.RUNNING, new JobOutcome.Succeeded("ok"));

        List<java.time.Duration> durations = store.recentDurations("echo", 20);

        assertThat(durations).containsExactly(
                java.time.Duration.between(newer.started().orElseThrow(), newer.finished().orElseThrow()),
                java.time.Duration.between(older.started().orElseThrow(), older.finished().orElseThrow()));
        assertThat(store.recentDurations("echo", 1)).hasSize(1);
        assertThat(store.recentDurations("nothing", 5)).isEmpty();
    }

    // ---- durability

    @Test
    void committed_jobs_survive_closing_and_reopening_the_store() {
        Job waiting = insert("default");
        Job running = insertAndClaim("other");
        store.recordWorker(running.id(), new Job.WorkerProcess(77, Instant.ofEpochMilli(1_650_000_000_000L)));
        store.updateProgress(running.id(), 30, "warming up");
        Job failed = store.finish(insertAndClaim("third").id(), JobState.RUNNING,
                new JobOutcome.Failed(FailureReason.EXIT_CODE, "exit 2"));
        List<Job> before = List.of(store.find(waiting.id()).orElseThrow(), store.find(running.id()).orElseThrow(), failed);

        reopen();

        assertThat(before).allSatisfy(job -> assertThat(store.find(job.id())).contains(job));
    }

    @Test
    void a_reopened_store_keeps_the_queue_order() {
        Job first = insert("default");
        Job second = insert("default");

        reopen();
        Job third = insert("default");

        assertThat(claimedId("default")).isEqualTo(first.id());
        assertThat(claimedId("default")).isEqualTo(second.id());
        assertThat(claimedId("default")).isEqualTo(third.id());
    }

    // ---- helpers

    /** A job of task `echo` with one input, inserted into {@code queue}. */
    // ---- memory: admission, waiting notes and peak memory

    @Test
    void claim_next_with_a_refusing_admission_leaves_the_oldest_job_waiting() {
        Job first = insert("q");
        insert("q");

        assertThat(store.claimNext("q", job -> false)).isEmpty();
        assertThat(store.claimNext("q", job -> job.id().equals(first.id()))).map(Job::id).contains(first.id());
        assertThat(store.find(first.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(store.count("q", JobState.ACCEPTED)).isEqualTo(1);
    }

    // ---- a slot's handover: finish one job, claim the next

    @Test
    void finish_and_claim_next_ends_the_running_job_and_starts_the_oldest_waiting_one() {
        Job running = insertAndClaim("q");
        Job second = insert("q");
        insert("q");

        Handover handover = store.finishAndClaimNext(running.id(), new JobOutcome.Succeeded("done"), RunFacts.NONE, "q", job -> true);

        assertThat(handover.finished().state()).isEqualTo(JobState.SUCCESSFUL);
        assertThat(handover.next()).map(Job::id).contains(second.id());
        assertThat(handover.next().orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(handover.next().orElseThrow().attempts()).isEqualTo(1);
        assertThat(store.count("q", JobState.ACCEPTED)).isEqualTo(1);
        assertThat(store.positionInQueue(store.recent(1).getFirst())).isZero();
    }

    @Test
    void finish_and_claim_next_with_nothing_admitted_still_finishes() {
        Job running = insertAndClaim("q");
        Job waiting = insert("q");

        Handover handover = store.finishAndClaimNext(running.id(), new JobOutcome.Failed(FailureReason.EXIT_CODE, "exit 1"),
                RunFacts.NONE, "q", job -> false);

        assertThat(handover.next()).isEmpty();
        assertThat(store.find(running.id()).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(store.find(waiting.id()).orElseThrow().state()).isEqualTo(JobState.ACCEPTED);
    }

    @Test
    void finish_and_claim_next_of_a_job_that_is_not_running_changes_nothing() {
        Job running = insertAndClaim("q");
        store.finish(running.id(), JobState.RUNNING, new JobOutcome.Dismissed("cancelled"));
        Job waiting = insert("q");

        assertThatThrownBy(() -> store.finishAndClaimNext(running.id(), new JobOutcome.Succeeded("late"), RunFacts.NONE, "q", job -> true))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(store.find(running.id()).orElseThrow().state()).isEqualTo(JobState.DISMISSED);
        assertThat(store.find(waiting.id()).orElseThrow().state()).isEqualTo(JobState.ACCEPTED);
        assertThat(store.claimNext("q")).map(Job::id).contains(waiting.id());
    }

    @Test
    void the_queue_order_survives_a_reopen_after_claims_and_requeues() {
        Job first = insertAndClaim("q");
        Job second = insert("q");
        Job third = insert("q");
        store.requeue(first.id(), "retry");
        reopen();

        assertThat(store.positionInQueue(store.find(third.id()).orElseThrow())).isEqualTo(2);
        assertThat(claimedId("q")).isEqualTo(first.id());
        assertThat(claimedId("q")).isEqualTo(second.id());
        assertThat(claimedId("q")).isEqualTo(third.id());
        assertThat(store.claimNext("q")).isEmpty();
    }

    @Test
    void note_waiting_sets_the_message_of_an_accepted_job_only() {
        Job waiting = insert("q");
        Job running = insertAndClaim("r");

        store.noteWaiting(waiting.id(), "waiting for memory");
        store.noteWaiting(running.id(), "waiting for memory");

        assertThat(store.find(waiting.id()).orElseThrow().message()).isEqualTo("waiting for memory");
        assertThat(store.find(running.id()).orElseThrow().message()).isEmpty();
    }

    @Test
    void the_facts_of_a_run_are_recorded_with_its_end() {
        Job running = insertAndClaim("q");
        Job.WorkerProcess worker = new Job.WorkerProcess(4242, Instant.ofEpochMilli(1_700_000_000_000L));

        Job done = store.finish(running.id(), JobState.RUNNING, new JobOutcome.Succeeded("ok"),
                new RunFacts(Optional.of(worker), Optional.of(123_456_789L)));

        assertThat(done.peakMemory()).contains(123_456_789L);
        assertThat(done.worker()).contains(worker);
        assertThat(store.find(running.id()).orElseThrow().worker()).contains(worker);
    }

    @Test
    void ending_without_facts_keeps_the_worker_recorded_at_launch() {
        Job running = insertAndClaim("q");
        Job.WorkerProcess worker = new Job.WorkerProcess(77, Instant.ofEpochMilli(1_700_000_000_000L));
        store.recordWorker(running.id(), worker);

        Job done = store.finish(running.id(), JobState.RUNNING, new JobOutcome.Failed(FailureReason.EXIT_CODE, "exit 1"));

        assertThat(done.worker()).contains(worker);
        assertThat(done.peakMemory()).isEmpty();
    }

    @Test
    void a_new_attempt_starts_without_the_last_attempts_facts() {
        Job running = insertAndClaim("q");
        store.recordWorker(running.id(), new Job.WorkerProcess(77, Instant.now()));

        store.requeue(running.id(), "retry");
        Job again = store.claimNext("q").orElseThrow();

        assertThat(again.peakMemory()).isEmpty();
        assertThat(again.worker()).isEmpty();
    }

    @Test
    void a_refused_write_among_concurrent_ones_undoes_only_itself() throws Exception {
        Job running = insertAndClaim("q");
        int writers = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> finishes = new ArrayList<>();
        List<Future<Job>> inserts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2 * writers)) {
            for (int i = 0; i < writers; i++) {
                finishes.add(pool.submit(() -> {
                    go.await();
                    try {
                        store.finish(running.id(), JobState.RUNNING, new JobOutcome.Succeeded("done"));
                        return true;
                    } catch (IllegalTransitionException alreadyFinished) {
                        return false;
                    }
                }));
                inserts.add(pool.submit(() -> {
                    go.await();
                    return insert("other");
                }));
            }
            go.countDown();
            int succeeded = 0;
            for (Future<Boolean> f : finishes) {
                succeeded += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(succeeded).isEqualTo(1);
            for (Future<Job> f : inserts) {
                assertThat(store.find(f.get(30, TimeUnit.SECONDS).id())).isPresent();
            }
        }
        assertThat(store.count("other", JobState.ACCEPTED)).isEqualTo(writers);
        assertThat(store.find(running.id()).orElseThrow().state()).isEqualTo(JobState.SUCCESSFUL);
    }

    // ---- retention

    @Test
    void finished_jobs_before_an_instant_are_found_by_task_and_state_and_removed_with_a_record() {
        JobId done = insertAndClaim("default").id();
        store.finish(done, JobState.RUNNING, new JobOutcome.Succeeded("ok"));
        JobId failed = insertAndClaim("default").id();
        store.finish(failed, JobState.RUNNING, new JobOutcome.Failed(FailureReason.EXIT_CODE, "1"));
        JobId waiting = insert("default").id();
        java.time.Instant later = java.time.Instant.now().plusSeconds(60);

        assertThat(store.retention().finishedBefore("echo", java.util.Set.of(JobState.SUCCESSFUL, JobState.DISMISSED), later, 10)).containsExactly(done);
        assertThat(store.retention().finishedBefore("echo", java.util.Set.of(JobState.FAILED), later, 10)).containsExactly(failed);
        assertThat(store.retention().finishedBefore("other", java.util.Set.of(JobState.SUCCESSFUL), later, 10)).isEmpty();

        assertThat(store.retention().remove(List.of(done, waiting))).as("a queued job is never removed").containsExactly(done);
        reopen();
        assertThat(store.find(done)).isEmpty();
        assertThat(store.retention().removedAt(done)).isPresent();
        assertThat(store.find(waiting)).isPresent();
        assertThat(store.retention().removedAt(waiting)).isEmpty();
        assertThat(store.retention().finishedBefore("echo", java.util.Set.of(JobState.SUCCESSFUL), later, 10)).isEmpty();
    }

    @Test
    void finished_jobs_are_measured_once_and_the_oldest_come_first_with_their_sizes() {
        JobId first = insertAndClaim("default").id();
        store.finish(first, JobState.RUNNING, new JobOutcome.Succeeded("ok"));
        JobId second = insertAndClaim("default").id();
        store.finish(second, JobState.RUNNING, new JobOutcome.Succeeded("ok"));
        insert("default");

        assertThat(store.retention().unmeasured(10)).containsExactly(first, second);
        store.retention().recordDiskUse(Map.of(first, 1000L));
        reopen();

        assertThat(store.retention().unmeasured(10)).containsExactly(second);
        assertThat(store.retention().diskUse()).isEqualTo(1000);
        assertThat(store.retention().oldestFinished(10)).containsExactly(Map.entry(first, 1000L), Map.entry(second, 0L));
    }

    // ---- max-wait

    @Test
    void the_jobs_waiting_since_an_instant_are_the_never_started_ones_of_that_queue_oldest_first() {
        Job older = insert("default");
        Job newer = insert("default");
        insert("other");
        Job retried = insertAndClaim("retry");
        store.requeue(retried.id(), "again");
        java.time.Instant later = java.time.Instant.now().plusSeconds(60);

        assertThat(store.waitingSince("default", later, 10)).containsExactly(older.id(), newer.id());
        assertThat(store.waitingSince("default", later, 1)).containsExactly(older.id());
        assertThat(store.waitingSince("retry", later, 10)).as("a job put back after a start").isEmpty();
        assertThat(store.waitingSince("default", older.created(), 10)).as("accepted before, not at").isEmpty();
    }

    // ---- schedule ticks

    @Test
    void a_tick_is_recorded_once_with_its_job_even_after_a_restart() {
        java.time.Instant at = java.time.Instant.parse("2026-12-05T10:00:00Z");
        Optional<ScheduleTick> first = store.recordTick("hourly", at, Optional.of(scheduled("hourly")), false);
        reopen();
        Optional<ScheduleTick> again = store.recordTick("hourly", at, Optional.of(scheduled("hourly")), false);

        assertThat(first.orElseThrow().outcome()).isEqualTo(ScheduleTick.Outcome.FIRED);
        assertThat(again).isEmpty();
        Job job = store.find(first.get().job().orElseThrow()).orElseThrow();
        assertThat(job.schedule()).hasValue("hourly");
        assertThat(job.state()).isEqualTo(JobState.ACCEPTED);
        assertThat(store.recent(10)).hasSize(1);
        assertThat(store.claimNext("default")).as("the fired job waits in its queue").isPresent();
    }

    @Test
    void a_tick_while_the_schedules_last_job_is_active_is_an_overlap_when_asked_to_skip() {
        JobId running = store.recordTick("s", java.time.Instant.ofEpochSecond(60), Optional.of(scheduled("s")), true)
                .orElseThrow().job().orElseThrow();
        ScheduleTick skipped = store.recordTick("s", java.time.Instant.ofEpochSecond(120), Optional.of(scheduled("s")), true).orElseThrow();
        ScheduleTick queued = store.recordTick("s", java.time.Instant.ofEpochSecond(180), Optional.of(scheduled("s")), false).orElseThrow();
        store.finish(running, JobState.ACCEPTED, new JobOutcome.Dismissed("test"));
        store.finish(queued.job().orElseThrow(), JobState.ACCEPTED, new JobOutcome.Dismissed("test"));
        ScheduleTick afterwards = store.recordTick("s", java.time.Instant.ofEpochSecond(240), Optional.of(scheduled("s")), true).orElseThrow();

        assertThat(skipped.outcome()).isEqualTo(ScheduleTick.Outcome.OVERLAP);
        assertThat(skipped.job()).isEmpty();
        assertThat(queued.outcome()).isEqualTo(ScheduleTick.Outcome.FIRED);
        assertThat(afterwards.outcome()).isEqualTo(ScheduleTick.Outcome.FIRED);
    }

    @Test
    void the_last_tick_of_each_schedule_is_listed_missed_ones_too() {
        store.recordTick("a", java.time.Instant.ofEpochSecond(60), Optional.of(scheduled("a")), false);
        store.recordTick("a", java.time.Instant.ofEpochSecond(120), Optional.empty(), false);
        store.recordTick("b", java.time.Instant.ofEpochSecond(30), Optional.of(scheduled("b")), false);

        assertThat(store.lastTicks()).extracting(ScheduleTick::schedule, ScheduleTick::at, ScheduleTick::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", java.time.Instant.ofEpochSecond(120), ScheduleTick.Outcome.MISSED),
                org.assertj.core.groups.Tuple.tuple("b", java.time.Instant.ofEpochSecond(30), ScheduleTick.Outcome.FIRED));
    }

    private static NewJob scheduled(String schedule) {
        return new NewJob(JobId.random(), "echo", "default", Map.of("message", schedule), 0);
    }

    // ---- server keys

    @Test
    void a_server_key_is_stored_once_and_the_same_key_comes_back_after_a_restart() {
        byte[] first = store.serverKey("tokens", new byte[] {1, 2, 3});
        byte[] second = store.serverKey("tokens", new byte[] {9, 9, 9});
        reopen();
        byte[] afterRestart = store.serverKey("tokens", new byte[] {7});

        assertThat(first).containsExactly(1, 2, 3);
        assertThat(second).containsExactly(1, 2, 3);
        assertThat(afterRestart).containsExactly(1, 2, 3);
        assertThat(store.serverKey("other", new byte[] {4})).containsExactly(4);
    }

    // ---- readiness

    @Test
    void a_writability_check_commits_and_leaves_jobs_and_keys_as_they_were() {
        Job waiting = insert("default");
        store.serverKey("tokens", new byte[] {1, 2, 3});

        store.checkWritable();
        store.checkWritable();
        reopen();
        store.checkWritable();

        assertThat(store.recent(10)).containsExactly(waiting);
        assertThat(store.serverKey("tokens", new byte[] {9})).containsExactly(1, 2, 3);
        assertThat(store.count("default", JobState.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void a_backup_holds_the_server_keys() {
        store.serverKey("tokens", new byte[] {1, 2, 3});
        Path copy = dir.resolve("copy").resolve("sluice.db");
        try {
            java.nio.file.Files.createDirectories(copy.getParent());
            store.backupTo(copy);
        } catch (UnsupportedOperationException notThisStore) {
            return;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (JobStore restored = openStore(copy.getParent())) {
            assertThat(restored.serverKey("tokens", new byte[] {9})).containsExactly(1, 2, 3);
        }
    }

    protected Job insert(String queue) {
        return store.insert(new NewJob(JobId.random(), "echo", queue, Map.of("message", "hello"), 0));
    }

    /** Inserts a job once the clock has passed the millisecond of the last one, so creation times differ. */
    private Job insertOnALaterMillisecond() {
        Instant last = store.list(JobQuery.everyones(1)).stream().map(Job::created).findFirst().orElse(Instant.EPOCH);
        org.awaitility.Awaitility.await().pollInterval(java.time.Duration.ofMillis(1))
                .until(() -> Instant.now().toEpochMilli() > last.toEpochMilli());
        return insert("default");
    }

    protected Job insertAndClaim(String queue) {
        Job job = insert(queue);
        Job claimed = store.claimNext(queue).orElseThrow();
        assertThat(claimed.id()).as("the only waiting job of " + queue).isEqualTo(job.id());
        return claimed;
    }

    private JobId claimedId(String queue) {
        return store.claimNext(queue).map(Job::id).orElseThrow(() -> new AssertionError("nothing to claim in " + queue));
    }
}
