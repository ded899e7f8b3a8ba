package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.PostgresServer;
import java.time.Clock;
import java.time.Duration;
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

/**
 * Two PostgreSQL stores on one database, as two nodes of one deployment: what the contract cannot show with a single
 * store object. Every race starts at a latch, and every wait is bounded.
 */
class PostgresTwoNodesTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private JobStore first;
    private JobStore second;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void openTwoNodes() {
        PostgresSettings database = PostgresServer.shared().newDatabase();
        first = PostgresJobStore.open(database, Clock.systemUTC());
        second = PostgresJobStore.open(database, Clock.systemUTC());
    }

    @AfterEach
    void closeBoth() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("every thread of the test ended").isTrue();
        first.close();
        second.close();
    }

    @Test
    void two_nodes_claiming_at_once_claim_every_job_exactly_once() throws Exception {
        int jobs = 400;
        List<JobId> inserted = IntStream.range(0, jobs).mapToObj(i -> insert(i % 2 == 0 ? first : second, "q").id()).toList();
        List<Callable<List<JobId>>> claimers = new ArrayList<>();
        for (JobStore node : List.of(first, second, first, second)) {
            claimers.add(() -> {
                List<JobId> mine = new ArrayList<>();
                for (Optional<Job> next = node.claimNext("q"); next.isPresent(); next = node.claimNext("q")) {
                    mine.add(next.get().id());
                }
                return mine;
            });
        }

        List<JobId> claimed = allAtOnce(claimers).stream().flatMap(List::stream).toList();

        assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inserted);
        assertThat(second.count("q", JobState.RUNNING)).isEqualTo(jobs);
        assertThat(first.inState(JobState.RUNNING)).allSatisfy(job -> assertThat(job.attempts()).isEqualTo(1));
    }

    @Test
    void a_claim_passes_over_the_job_another_node_is_judging_instead_of_waiting_for_it() throws Exception {
        Job older = insert(first, "q");
        Job younger = insert(first, "q");
        CountDownLatch judging = new CountDownLatch(1);
        CountDownLatch judged = new CountDownLatch(1);
        Future<Optional<Job>> slow = threads.submit(() -> first.claimNext("q", job -> {
            judging.countDown();
            try {
                return judged.await(BOUND.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        try {
            assertThat(judging.await(BOUND.toSeconds(), TimeUnit.SECONDS)).as("the first node judges the oldest job").isTrue();
            Future<Optional<Job>> meanwhile = threads.submit(() -> second.claimNext("q"));

            assertThat(meanwhile.get(BOUND.toSeconds(), TimeUnit.SECONDS)).map(Job::id).as("not waiting for the locked row")
                    .contains(younger.id());
        } finally {
            judged.countDown();
        }
        assertThat(slow.get(BOUND.toSeconds(), TimeUnit.SECONDS)).map(Job::id).contains(older.id());
    }

    @Test
    void a_job_one_node_refuses_to_admit_is_left_for_the_other() {
        Job waiting = insert(first, "q");

        assertThat(first.claimNext("q", job -> false)).isEmpty();

        assertThat(second.claimNext("q")).map(Job::id).contains(waiting.id());
    }

    @Test
    void inserts_from_two_nodes_at_once_never_exceed_max_waiting() throws Exception {
        assertAtOnceAdmits(10, 64);
    }

    // why: far below the limit submissions skip the insert lock; the limit must still hold once they reach it
    @Test
    void inserts_that_start_far_below_max_waiting_still_stop_exactly_at_it() throws Exception {
        assertAtOnceAdmits(PostgresJobInsert.UNLOCKED_MARGIN + 40, 3 * PostgresJobInsert.UNLOCKED_MARGIN);
    }

    private void assertAtOnceAdmits(int maxWaiting, int submitted) throws Exception {
        List<Callable<Boolean>> submissions = new ArrayList<>();
        for (int i = 0; i < submitted; i++) {
            JobStore node = i % 2 == 0 ? first : second;
            submissions.add(() -> node.insertIfRoom(new NewJob(JobId.random(), "t", "q", Map.of(), 0), maxWaiting).isPresent());
        }

        long admitted = allAtOnce(submissions).stream().filter(Boolean::booleanValue).count();

        assertThat(admitted).isEqualTo(maxWaiting);
        assertThat(first.count("q", JobState.ACCEPTED)).isEqualTo(maxWaiting);
        assertThat(second.count("q", JobState.ACCEPTED)).isEqualTo(maxWaiting);
    }

    @Test
    void a_tick_recorded_by_two_nodes_at_once_fires_once() throws Exception {
        int ticks = 20;
        for (int i = 0; i < ticks; i++) {
            Instant at = Instant.parse("2026-12-05T10:00:00Z").plus(Duration.ofHours(i));
            List<Optional<ScheduleTick>> recorded = allAtOnce(List.of(
                    () -> first.recordTick("hourly", at, Optional.of(scheduled()), false),
                    () -> second.recordTick("hourly", at, Optional.of(scheduled()), false)));

            assertThat(recorded).as("tick %s", at).filteredOn(Optional::isPresent).singleElement()
                    .satisfies(tick -> assertThat(tick.orElseThrow().outcome()).isEqualTo(ScheduleTick.Outcome.FIRED));
        }
        assertThat(first.recent(100)).hasSize(ticks).allSatisfy(job -> assertThat(job.schedule()).contains("hourly"));
        assertThat(second.lastTicks()).extracting(ScheduleTick::at).containsExactly(Instant.parse("2026-12-05T10:00:00Z")
                .plus(Duration.ofHours(ticks - 1)));
    }

    @Test
    void two_nodes_storing_a_server_key_at_once_both_get_the_one_stored_first() throws Exception {
        for (int i = 0; i < 20; i++) {
            String name = "tokens-" + i;
            List<byte[]> keys = allAtOnce(List.of(() -> first.serverKey(name, new byte[] {1}), () -> second.serverKey(name, new byte[] {2})));

            assertThat(keys.get(0)).as(name).isEqualTo(keys.get(1)).isIn(new byte[] {1}, new byte[] {2});
            assertThat(first.serverKey(name, new byte[] {3})).isEqualTo(keys.get(0));
        }
    }

    @Test
    void a_job_submitted_on_one_node_is_placed_and_claimed_in_order_on_the_other() {
        NewJob low = new NewJob(JobId.random(), "t", "q", Map.of(), 0).ordered(new Precedence(0, Duration.ofMinutes(10)));
        NewJob high = new NewJob(JobId.random(), "t", "q", Map.of(), 0).ordered(new Precedence(5, Duration.ofMinutes(10)));
        Job lowJob = first.insert(low);
        Job highJob = second.insert(high);

        assertThat(first.positionInQueue(highJob)).isZero();
        assertThat(second.positionInQueue(lowJob)).isEqualTo(1);
        assertThat(first.claimNext("q")).map(Job::id).contains(high.id());
        assertThat(second.positionInQueue(lowJob)).isZero();
        assertThat(second.claimNext("q")).map(Job::id).contains(low.id());
        assertThat(first.count("q", JobState.RUNNING)).isEqualTo(2);
        assertThat(second.count("q", JobState.RUNNING)).isEqualTo(2);
    }

    /** Runs the calls on threads of their own, released together, and returns what each returned, in order. */
    private <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> running = new ArrayList<>();
        for (Callable<T> call : calls) {
            running.add(threads.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> result : running) {
            results.add(result.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
        return results;
    }

    private static Job insert(JobStore node, String queue) {
        return node.insert(new NewJob(JobId.random(), "echo", queue, Map.of("message", "hello"), 0));
    }

    private static NewJob scheduled() {
        return new NewJob(JobId.random(), "echo", "default", Map.of(), 0);
    }
}
