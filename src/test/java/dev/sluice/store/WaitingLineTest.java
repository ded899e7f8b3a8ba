package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line's quick answers against the order written out in full: sort every waiting job by the rule. */
class WaitingLineTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void the_first_job_and_every_position_match_a_full_sort_through_random_adds_removes_and_promotions() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            WaitingLine line = new WaitingLine();
            List<QueuedJob> model = new ArrayList<>();
            Instant now = T0;
            long nextSeq = 1;
            // why: lines longer than the 256 walked from the back take the other path of ahead()
            int size = seed % 4 == 0 ? 700 : 60;
            for (int step = 0; step < size * 3; step++) {
                int op = random.nextInt(10);
                if (op < 6 || model.isEmpty()) {
                    QueuedJob job = job(nextSeq++, random.nextInt(4) - 1, now.plusSeconds(random.nextInt(600)));
                    line.add(job);
                    model.add(job);
                } else if (op < 8) {
                    QueuedJob gone = model.remove(random.nextInt(model.size()));
                    assertThat(line.remove(gone.sequence())).contains(gone);
                } else {
                    now = now.plusSeconds(random.nextInt(120));
                }
                if (step % 7 == 0) {
                    assertMatches(line, model, now);
                }
            }
            assertMatches(line, model, now);
        }
    }

    @Test
    void the_last_promotion_of_a_priority_is_that_of_its_last_unpromoted_job() {
        WaitingLine line = new WaitingLine();
        line.add(job(1, 0, T0.plusSeconds(60)));
        line.add(job(2, 0, T0.plusSeconds(90)));
        line.add(job(3, 5, T0.plusSeconds(300)));

        assertThat(line.lastPromotion(0, T0)).contains(T0.plusSeconds(90));
        assertThat(line.lastPromotion(5, T0)).contains(T0.plusSeconds(300));
        assertThat(line.lastPromotion(1, T0)).isEmpty();
        assertThat(line.lastPromotion(0, T0.plusSeconds(90))).isEmpty();
    }

    private static void assertMatches(WaitingLine line, List<QueuedJob> model, Instant now) {
        List<QueuedJob> sorted = new ArrayList<>(model);
        sorted.sort(order(now));
        assertThat(line.size()).isEqualTo(sorted.size());
        assertThat(line.first(now)).isEqualTo(sorted.isEmpty() ? Optional.empty() : Optional.of(sorted.getFirst()));
        assertThat(collect(line.fromFront(now))).isEqualTo(sorted);
        assertThat(collect(line.fromBack(now))).isEqualTo(sorted.reversed());
        for (int i = 0; i < sorted.size(); i++) {
            assertThat(line.ahead(sorted.get(i).sequence(), now)).as("position of %s", sorted.get(i)).isEqualTo(i);
        }
    }

    /** The rule as README states it. */
    private static Comparator<QueuedJob> order(Instant now) {
        return Comparator.comparingInt((QueuedJob job) -> job.standing().promotedBy(now) ? 0 : 1)
                .thenComparingInt(job -> job.standing().promotedBy(now) ? 0 : -job.standing().priority())
                .thenComparingLong(QueuedJob::sequence);
    }

    private static QueuedJob job(long seq, int priority, Instant promotedAt) {
        return new QueuedJob(seq, JobId.random(), "t" + (seq % 3), JobState.ACCEPTED, Optional.empty(), new Standing(priority, promotedAt));
    }

    private static List<QueuedJob> collect(Iterator<QueuedJob> jobs) {
        List<QueuedJob> all = new ArrayList<>();
        jobs.forEachRemaining(all::add);
        return all;
    }
}
