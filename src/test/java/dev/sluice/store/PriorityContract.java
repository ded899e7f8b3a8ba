package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.SettableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of a queue's waiting jobs, which every {@link JobStore} keeps: higher priority first, submission order
 * within a priority, and a job that has waited its `promote-after` goes ahead of every job submitted after it.
 */
abstract class PriorityContract {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @TempDir
    protected Path dir;

    protected final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T12:00:00Z"));
    protected JobStore store;

    protected abstract JobStore openStore(Path dir, Clock clock);

    @BeforeEach
    void openTheStore() {
        store = openStore(dir, clock);
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }

    @Test
    void higher_priorities_start_first_and_one_priority_starts_in_submission_order() {
        JobId low1 = submit(0, TEN_MINUTES);
        JobId high1 = submit(5, TEN_MINUTES);
        JobId low2 = submit(0, TEN_MINUTES);
        JobId high2 = submit(5, TEN_MINUTES);
        JobId urgent = submit(9, TEN_MINUTES);
        JobId lowest = submit(-3, TEN_MINUTES);

        assertThat(claimAll()).containsExactly(urgent, high1, high2, low1, low2, lowest);
    }

    @Test
    void a_job_that_waited_promote_after_goes_ahead_of_every_later_job_whatever_its_priority() {
        JobId low = submit(0, TEN_MINUTES);
        clock.advance(Duration.ofMinutes(1));
        JobId high1 = submit(5, TEN_MINUTES);
        JobId high2 = submit(5, TEN_MINUTES);

        clock.advance(Duration.ofMinutes(8));
        assertThat(claimId()).isEqualTo(high1);
        clock.advance(Duration.ofMinutes(1));
        JobId high3 = submit(5, TEN_MINUTES);

        assertThat(claimAll()).containsExactly(low, high2, high3);
    }

    @Test
    void under_a_stream_of_higher_priorities_a_low_job_starts_at_the_first_claim_after_its_promotion() {
        JobId low = submit(0, TEN_MINUTES);
        Instant promoted = clock.instant().plus(TEN_MINUTES);
        Instant startedAt = null;
        // two urgent jobs arrive for every one the queue can start: without promotion the low one never would
        for (int minute = 0; minute < 30 && startedAt == null; minute++) {
            submit(7, TEN_MINUTES);
            submit(7, TEN_MINUTES);
            if (claimId().equals(low)) {
                startedAt = clock.instant();
            }
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(startedAt).isEqualTo(promoted);
    }

    @Test
    void promotion_never_reorders_jobs_of_one_priority_after_a_clock_step_back_or_a_shorter_promote_after() {
        JobId first = submit(0, TEN_MINUTES);
        clock.advance(Duration.ofHours(-1));
        JobId second = submit(0, TEN_MINUTES);
        JobId third = submit(0, Duration.ofMinutes(1));
        JobId high = submit(3, TEN_MINUTES);

        clock.advance(Duration.ofMinutes(11));
        assertThat(claimAll()).containsExactly(high, first, second, third);
    }

    @Test
    void positions_follow_the_order_and_change_when_a_job_is_promoted() {
        Job low = store.insert(job(0, TEN_MINUTES));
        clock.advance(Duration.ofMinutes(1));
        Job high1 = store.insert(job(4, TEN_MINUTES));
        Job high2 = store.insert(job(4, TEN_MINUTES));

        assertThat(List.of(store.positionInQueue(high1), store.positionInQueue(high2), store.positionInQueue(low)))
                .containsExactly(0, 1, 2);
        clock.advance(Duration.ofMinutes(9));
        assertThat(List.of(store.positionInQueue(low), store.positionInQueue(high1), store.positionInQueue(high2)))
                .containsExactly(0, 1, 2);
    }

    @Test
    void a_retried_job_keeps_its_priority_and_its_promotion() {
        JobId low = submit(0, TEN_MINUTES);
        Job claimed = store.claimNext("q").orElseThrow();
        JobId high = submit(2, TEN_MINUTES);
        store.requeue(claimed.id(), "retry");

        assertThat(store.find(low).orElseThrow().standing()).isEqualTo(claimed.standing());
        assertThat(claimId()).isEqualTo(high);
        clock.advance(TEN_MINUTES);
        JobId laterHigh = submit(2, TEN_MINUTES);
        JobId another = submit(2, TEN_MINUTES);
        assertThat(claimAll()).containsExactly(low, laterHigh, another);
    }

    @Test
    void the_order_and_the_promotions_survive_a_reopen() {
        JobId low = submit(0, TEN_MINUTES);
        JobId high = submit(1, TEN_MINUTES);
        clock.advance(Duration.ofMinutes(5));
        JobId later = submit(1, TEN_MINUTES);
        store.close();
        store = openStore(dir, clock);

        assertThat(store.lineUp("q")).extracting(QueuedJob::standing).containsExactly(
                new Standing(0, Instant.parse("2026-03-01T12:10:00Z")),
                new Standing(1, Instant.parse("2026-03-01T12:10:00Z")),
                new Standing(1, Instant.parse("2026-03-01T12:15:00Z")));
        assertThat(claimId()).isEqualTo(high);
        clock.advance(Duration.ofMinutes(5));
        assertThat(claimAll()).containsExactly(low, later);
    }

    @Test
    void a_scheduled_job_is_ordered_like_a_submitted_one() {
        JobId low = submit(0, TEN_MINUTES);
        NewJob scheduled = job(3, TEN_MINUTES);
        store.recordTick("nightly", clock.instant(), java.util.Optional.of(scheduled), false);

        assertThat(claimAll()).containsExactly(scheduled.id(), low);
    }

    private NewJob job(int priority, Duration promoteAfter) {
        return new NewJob(JobId.random(), "t", "q", Map.of(), 0).ordered(new Precedence(priority, promoteAfter));
    }

    private JobId submit(int priority, Duration promoteAfter) {
        return store.insert(job(priority, promoteAfter)).id();
    }

    private JobId claimId() {
        return store.claimNext("q").orElseThrow().id();
    }

    private List<JobId> claimAll() {
        List<JobId> claimed = new ArrayList<>();
        for (var next = store.claimNext("q"); next.isPresent(); next = store.claimNext("q")) {
            claimed.add(next.get().id());
        }
        return claimed;
    }
}
