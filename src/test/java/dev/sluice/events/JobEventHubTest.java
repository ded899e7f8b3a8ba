package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobState;
import dev.sluice.store.Standing;
import dev.sluice.worker.JobOutputListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The hub on its own: who gets which events, resuming, falling behind, and out-of-order state reports. */
class JobEventHubTest {

    private final JobEventHub hub = new JobEventHub(Clock.systemUTC());
    private final JobId id = JobId.random();

    @Test
    void events_of_a_job_nobody_watches_are_dropped_at_once() {
        hub.line(id, "nobody reads this", 1);
        hub.progressChanged(id, 10, "nobody");

        assertThat(hub.channelCount()).isZero();
    }

    @Test
    void a_new_subscriber_starts_with_a_snapshot_then_reads_what_follows() throws Exception {
        try (EventSubscription subscription = hub.subscribe(id, OptionalLong.empty())) {
            assertThat(subscription.needsSnapshot()).isTrue();
            subscription.takeSnapshot();

            hub.line(id, "one", 4);
            hub.progressChanged(id, 20, "two");

            EventSubscription.Batch batch = subscription.next(Duration.ofSeconds(5));
            assertThat(batch.events()).extracting(JobEvent.Numbered::event)
                    .containsExactly(new JobEvent.LogLine("one", 4), new JobEvent.ProgressChanged(20, "two"));
            assertThat(subscription.next(Duration.ofMillis(20)).events()).isEmpty();
        }
    }

    @Test
    void a_subscriber_resumes_right_after_the_last_id_it_saw() throws Exception {
        long seen;
        try (EventSubscription first = hub.subscribe(id, OptionalLong.empty())) {
            first.takeSnapshot();
            hub.line(id, "one", 4);
            seen = first.next(Duration.ofSeconds(5)).events().getLast().id();
        }
        hub.line(id, "two", 8);

        try (EventSubscription again = hub.subscribe(id, OptionalLong.of(seen))) {
            assertThat(again.needsSnapshot()).isFalse();
            assertThat(again.next(Duration.ofSeconds(5)).events()).extracting(JobEvent.Numbered::event)
                    .containsExactly(new JobEvent.LogLine("two", 8));
        }
    }

    @Test
    void a_subscriber_that_fell_behind_the_ring_is_told_to_take_a_new_snapshot() throws Exception {
        try (EventSubscription slow = hub.subscribe(id, OptionalLong.empty())) {
            slow.takeSnapshot();
            for (int i = 0; i < 2000; i++) {
                hub.line(id, "line " + i, 1);
            }

            assertThat(slow.next(Duration.ZERO).resync()).isTrue();
            assertThat(slow.needsSnapshot()).isTrue();
        }
    }

    @Test
    void a_line_the_snapshot_already_read_from_the_log_file_is_not_sent_again() throws Exception {
        try (EventSubscription subscription = hub.subscribe(id, OptionalLong.empty())) {
            subscription.takeSnapshot();
            hub.line(id, "in the file when the snapshot read it", 38);
            hub.line(id, "written after the read", 61);
            subscription.snapshotShowedLog(38);
            hub.line(id, "past the log's cap", JobOutputListener.NOT_IN_FILE);

            assertThat(subscription.next(Duration.ofSeconds(5)).events()).extracting(JobEvent.Numbered::event)
                    .containsExactly(new JobEvent.LogLine("written after the read", 61),
                            new JobEvent.LogLine("past the log's cap", JobOutputListener.NOT_IN_FILE));
        }
    }

    @Test
    void the_same_job_told_twice_shows_once() throws Exception {
        Job running = job(JobState.RUNNING, 1);
        try (EventSubscription subscription = hub.subscribe(id, OptionalLong.empty())) {
            subscription.takeSnapshot();
            hub.stateChanged(running);
            hub.stateChanged(running);
            hub.line(id, "after", 1);

            assertThat(subscription.next(Duration.ofSeconds(5)).events()).extracting(JobEvent.Numbered::event)
                    .containsExactly(new JobEvent.StateChanged(running), new JobEvent.LogLine("after", 1));
        }
    }

    @Test
    void a_state_told_while_the_snapshot_was_read_is_not_shown_to_that_watcher_again() throws Exception {
        Job accepted = job(JobState.ACCEPTED, 0);
        Job running = job(JobState.RUNNING, 1);
        try (EventSubscription subscription = hub.subscribe(id, OptionalLong.empty())) {
            subscription.takeSnapshot();
            hub.stateChanged(accepted);
            subscription.snapshotShowed(accepted);
            hub.stateChanged(running);

            assertThat(subscription.next(Duration.ofSeconds(5)).events()).extracting(JobEvent.Numbered::event)
                    .containsExactly(new JobEvent.StateChanged(accepted), new JobEvent.StateChanged(running));
            assertThat(subscription.showsNew(accepted)).as("the snapshot showed it").isFalse();
            assertThat(subscription.showsNew(running)).isTrue();
            assertThat(subscription.showsNew(running)).as("shown once already").isFalse();
        }
    }

    @Test
    void a_late_report_of_an_earlier_state_does_not_move_the_job_back() throws Exception {
        try (EventSubscription subscription = hub.subscribe(id, OptionalLong.empty())) {
            subscription.takeSnapshot();
            hub.stateChanged(job(JobState.RUNNING, 1));
            hub.stateChanged(job(JobState.ACCEPTED, 0));

            assertThat(subscription.next(Duration.ofSeconds(5)).events()).hasSize(1);
            assertThat(subscription.lastKnown()).map(Job::state).contains(JobState.RUNNING);
        }
    }

    @Test
    void a_waiting_watcher_hears_when_a_job_ahead_starts_but_not_when_one_joins_behind() throws Exception {
        try (EventSubscription waiting = hub.subscribe(id, OptionalLong.empty())) {
            waiting.takeSnapshot();
            waiting.snapshotShowed(job(JobState.ACCEPTED, 0));
            JobId other = JobId.random();

            hub.stateChanged(job(other, JobState.ACCEPTED, 0));
            assertThat(waiting.next(Duration.ofMillis(20)).events()).isEmpty();
            hub.stateChanged(job(other, JobState.RUNNING, 1));

            assertThat(waiting.next(Duration.ofSeconds(5)).events()).extracting(JobEvent.Numbered::event)
                    .containsExactly(new JobEvent.QueueMoved());
        }
    }

    private Job job(JobState state, int attempts) {
        return job(id, state, attempts);
    }

    private static Job job(JobId id, JobState state, int attempts) {
        Instant now = Instant.now();
        return new Job(id, 1, "t", "default", state, Optional.empty(), "", Optional.empty(), Map.of(), attempts, 0, 0,
                Optional.empty(), Optional.empty(), now, Optional.empty(), Optional.empty(), now, Optional.empty(), Optional.empty(),
                new Standing(0, now));
    }
}
