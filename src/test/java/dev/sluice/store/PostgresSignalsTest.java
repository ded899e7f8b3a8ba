package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two PostgreSQL stores on one database, as two nodes: what one commits, the other hears through LISTEN/NOTIFY. Every
 * wait is bounded and none decides the outcome by its length.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PostgresSignalsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private PostgresSettings database;
    private PostgresJobStore first;
    private PostgresJobStore second;
    private final Heard firstHeard = new Heard();
    private final Heard secondHeard = new Heard();

    @BeforeEach
    void openTwoNodes() {
        database = PostgresServer.shared().newDatabase();
        first = PostgresJobStore.open(database, Clock.systemUTC());
        second = PostgresJobStore.open(database, Clock.systemUTC());
    }

    @AfterEach
    void closeBoth() {
        first.close();
        second.close();
    }

    @Test
    void a_job_inserted_on_one_node_wakes_its_queue_on_the_other_but_not_its_own() {
        listen(first, firstHeard);
        listen(second, secondHeard);

        first.insert(newJob("images"));

        await().atMost(BOUND).until(() -> secondHeard.queues.contains("images"));
        // why: the first node hears the second's wake-up after its own, had it heard its own
        second.insert(newJob("marker"));
        await().atMost(BOUND).until(() -> !firstHeard.queues.isEmpty());
        assertThat(firstHeard.queues).containsExactly("marker");
    }

    @Test
    void a_schedule_tick_and_a_job_put_back_wake_the_queue_too() {
        listen(second, secondHeard);

        first.recordTick("hourly", Instant.parse("2026-12-05T10:00:00Z"), Optional.of(newJob("ticks")), false);
        Job claimed = first.insert(newJob("retries"));
        await().atMost(BOUND).until(() -> secondHeard.queues.contains("ticks") && secondHeard.queues.contains("retries"));
        first.claimNext("retries");
        secondHeard.queues.clear();
        first.requeue(claimed.id(), "try again");

        await().atMost(BOUND).until(() -> secondHeard.queues.contains("retries"));
    }

    @Test
    void a_job_refused_for_a_full_queue_wakes_nobody() {
        first.insert(newJob("full"));
        listen(second, secondHeard);

        assertThat(first.insertIfRoom(newJob("full"), 1)).isEmpty();
        first.insert(newJob("open"));

        await().atMost(BOUND).until(() -> secondHeard.queues.contains("open"));
        assertThat(secondHeard.queues).containsExactly("open");
    }

    @Test
    void state_changes_and_progress_on_one_node_reach_the_other_in_order_and_not_itself() {
        listen(first, firstHeard);
        listen(second, secondHeard);
        Job job = first.insert(newJob("q"));

        first.claimNext("q");
        first.updateProgress(job.id(), 40, "stage\tone\nof two");
        first.finish(job.id(), JobState.RUNNING, new JobOutcome.Succeeded("done"));

        await().atMost(BOUND).until(() -> secondHeard.changes.size() == 4);
        assertThat(secondHeard.changes).containsExactly(
                new RemoteChange.StateChanged(job.id(), "q", JobState.ACCEPTED),
                new RemoteChange.StateChanged(job.id(), "q", JobState.RUNNING),
                new RemoteChange.Progressed(job.id(), 40, "stage\tone\nof two"),
                new RemoteChange.StateChanged(job.id(), "q", JobState.SUCCESSFUL));
        // why: the first node hears the second's change after everything it sent itself, had it heard its own
        Job other = second.insert(newJob("q"));
        await().atMost(BOUND).until(() -> !firstHeard.changes.isEmpty());
        assertThat(firstHeard.changes).containsExactly(new RemoteChange.StateChanged(other.id(), "q", JobState.ACCEPTED));
    }

    @Test
    void a_waiting_note_reaches_the_other_node_once() {
        listen(second, secondHeard);
        Job job = first.insert(newJob("q"));

        first.noteWaiting(job.id(), "waiting for memory");
        first.noteWaiting(job.id(), "waiting for memory");
        Job marker = first.insert(newJob("q"));

        await().atMost(BOUND).until(() -> secondHeard.changes.size() == 3);
        assertThat(secondHeard.changes).containsExactly(
                new RemoteChange.StateChanged(job.id(), "q", JobState.ACCEPTED),
                new RemoteChange.WaitingNoted(job.id(), "waiting for memory"),
                new RemoteChange.StateChanged(marker.id(), "q", JobState.ACCEPTED));
    }

    @Test
    void progress_of_a_job_no_longer_running_tells_nobody() {
        listen(second, secondHeard);
        Job job = first.insert(newJob("q"));

        first.updateProgress(job.id(), 10, "not started yet");
        Job marker = first.insert(newJob("q"));

        await().atMost(BOUND).until(() -> secondHeard.changes.size() == 2);
        assertThat(secondHeard.changes).extracting(RemoteChange::job).containsExactly(job.id(), marker.id());
        assertThat(first.find(job.id()).orElseThrow().progress()).isEmpty();
    }

    @Test
    void a_long_progress_message_is_cut_so_the_notification_fits() {
        listen(second, secondHeard);
        Job job = first.insert(newJob("q"));
        first.claimNext("q");
        String longest = "é".repeat(SignalPayload.LONGEST_MESSAGE - 1) + "😀" + "x".repeat(7000);

        first.updateProgress(job.id(), 99, longest);

        await().atMost(BOUND).until(() -> secondHeard.changes.stream().anyMatch(RemoteChange.Progressed.class::isInstance));
        RemoteChange.Progressed progress = secondHeard.changes.stream().filter(RemoteChange.Progressed.class::isInstance)
                .map(RemoteChange.Progressed.class::cast).findFirst().orElseThrow();
        assertThat(progress.message()).isEqualTo("é".repeat(SignalPayload.LONGEST_MESSAGE - 1) + "…");
        assertThat(first.find(job.id()).orElseThrow().message()).as("the job keeps its whole message").isEqualTo(longest);
    }

    @Test
    void after_its_connection_is_killed_the_listener_connects_again_says_it_may_have_missed_some_and_hears_again() throws SQLException {
        listen(second, secondHeard);
        first.insert(newJob("before"));
        await().atMost(BOUND).until(() -> secondHeard.queues.contains("before"));

        assertThat(terminateListeners()).isEqualTo(1);

        await().atMost(BOUND).until(() -> secondHeard.queueMisses.size() == 1 && secondHeard.changeMisses.size() == 1);
        first.insert(newJob("after"));
        await().atMost(BOUND).until(() -> secondHeard.queues.contains("after"));
    }

    @Test
    void a_batch_wakes_each_queue_once_with_how_many_other_nodes_sent() {
        PostgresSignals signals = new PostgresSignals(database, "mine");
        Heard heard = new Heard();
        signals.onQueueWork(heard);

        signals.deliver(new org.postgresql.PGNotification[] {
                new org.postgresql.core.Notification(PostgresSignals.WAKE, 1, "other\ta"),
                new org.postgresql.core.Notification(PostgresSignals.WAKE, 2, "other\tb"),
                new org.postgresql.core.Notification(PostgresSignals.WAKE, 3, "mine\ta"),
                new org.postgresql.core.Notification(PostgresSignals.WAKE, 1, "other\ta"),
                new org.postgresql.core.Notification(PostgresSignals.WAKE, 4, "third\ta"),
                new org.postgresql.core.Notification(PostgresSignals.WAKE, 4, "a")});

        assertThat(heard.arrivals).containsExactly(Map.entry("a", 3), Map.entry("b", 1));
    }

    @Test
    void a_node_that_closes_right_after_a_change_still_tells_the_others() {
        listen(second, secondHeard);

        Job job = first.insert(newJob("q"));
        first.close();

        await().atMost(BOUND).until(() -> secondHeard.changes.contains(new RemoteChange.StateChanged(job.id(), "q", JobState.ACCEPTED)));
    }

    @Test
    void notifications_a_sender_had_to_drop_make_the_others_look_at_everything() {
        listen(second, secondHeard);
        PostgresDatabase db = PostgresDatabase.open(database);
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        Transactions flaky = new Transactions() {
            @Override
            public <T> T read(Work<T> work) {
                return write(work);
            }

            @Override
            public <T> T write(Work<T> work) {
                if (down.get()) {
                    throw new StoreException("the database does not answer", null);
                }
                return db.write(work);
            }
        };
        try (PostgresNoticeSender sender = new PostgresNoticeSender(flaky,
                new PostgresNoticeSender.Notice(PostgresSignals.WAKE, "elsewhere\t" + SignalPayload.EVERY_QUEUE))) {
            for (int i = 0; i < 2 * PostgresNoticeSender.MOST_WAITING; i++) {
                sender.send(new PostgresNoticeSender.Notice(PostgresSignals.WAKE, "elsewhere\tq"));
            }
            assertThat(secondHeard.queueMisses).as("nothing told of a miss before the database answered").isEmpty();
            down.set(false);

            await().atMost(BOUND).until(() -> !secondHeard.queueMisses.isEmpty() && !secondHeard.changeMisses.isEmpty());
            // why: a marker sent after everything else arrives after it, so then every miss that was to come has come
            sender.send(new PostgresNoticeSender.Notice(PostgresSignals.WAKE, "elsewhere\tmarker"));
            await().atMost(BOUND).until(() -> secondHeard.queues.contains("marker"));
            assertThat(secondHeard.queueMisses).as("told once, however many were dropped").hasSize(1);
        } finally {
            db.close();
        }
    }

    @Test
    void a_store_one_node_uses_alone_has_no_signals(@TempDir Path dir) {
        try (JobStore sqlite = SqliteJobStore.open(dir.resolve("sluice.db"), Clock.systemUTC())) {
            assertThat(sqlite.signals()).isSameAs(ClusterSignals.NONE);
        }
    }

    @Test
    void closing_a_listening_store_ends_its_connection() throws SQLException {
        listen(second, secondHeard);
        assertThat(listeners()).isEqualTo(1);

        second.close();

        await().atMost(BOUND).until(() -> listeners() == 0);
    }

    private static void listen(JobStore store, Heard heard) {
        store.signals().onQueueWork(heard);
        store.signals().onRemoteChange(heard.remote);
        store.signals().start();
    }

    private int terminateListeners() throws SQLException {
        return count("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '"
                + PostgresSignals.APPLICATION_NAME + "' AND datname = current_database()");
    }

    private int listeners() throws SQLException {
        return count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" + PostgresSignals.APPLICATION_NAME
                + "' AND datname = current_database()");
    }

    private int count(String query) throws SQLException {
        try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement sql = admin.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static NewJob newJob(String queue) {
        return new NewJob(JobId.random(), "echo", queue, Map.of(), 0);
    }

    /** What one node heard, in order. */
    private static final class Heard implements ClusterSignals.QueueWork {
        final List<String> queues = new CopyOnWriteArrayList<>();
        final List<Map.Entry<String, Integer>> arrivals = new CopyOnWriteArrayList<>();
        final List<RemoteChange> changes = new CopyOnWriteArrayList<>();
        final List<Boolean> queueMisses = new CopyOnWriteArrayList<>();
        final List<Boolean> changeMisses = new CopyOnWriteArrayList<>();
        final ClusterSignals.RemoteChanges remote = new ClusterSignals.RemoteChanges() {
            @Override
            public void changed(RemoteChange change) {
                changes.add(change);
            }

            @Override
            public void mayHaveMissed() {
                changeMisses.add(true);
            }
        };

        @Override
        public void arrived(String queue, int signals) {
            queues.add(queue);
            arrivals.add(Map.entry(queue, signals));
        }

        @Override
        public void mayHaveMissed() {
            queueMisses.add(true);
        }
    }
}
