package dev.sluice.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobState;
import dev.sluice.store.Standing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What estimates see ahead of a waiting job, against the queue's order written out in full. */
class QueueLineUpsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final int IN_ORDER = 5;

    @Test
    void the_tasks_ahead_of_each_waiting_job_follow_priority_and_promotion() {
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            QueueLineUps lineUps = new QueueLineUps();
            List<Job> waiting = new ArrayList<>();
            int count = seed % 3 == 0 ? 600 : 40;
            for (long seq = 1; seq <= count; seq++) {
                JobState state = random.nextInt(8) == 0 ? JobState.RUNNING : JobState.ACCEPTED;
                Job job = job(seq, "t" + random.nextInt(3), state, random.nextInt(3), T0.plusSeconds(random.nextInt(900)));
                lineUps.apply(job);
                if (state == JobState.ACCEPTED) {
                    waiting.add(job);
                }
            }
            Instant now = T0.plusSeconds(random.nextInt(900));
            waiting.sort(order(now));
            for (int i = 0; i < waiting.size(); i += Math.max(1, waiting.size() / 50)) {
                QueueLineUps.Ahead ahead = lineUps.ahead("q", waiting.get(i).sequence(), IN_ORDER, now);
                List<String> tasksAhead = waiting.subList(0, i).stream().map(Job::task).toList();
                assertThat(ahead.next()).isEqualTo(tasksAhead.subList(0, Math.min(IN_ORDER, i)));
                Map<String, Integer> later = new HashMap<>();
                tasksAhead.stream().skip(IN_ORDER).forEach(task -> later.merge(task, 1, Integer::sum));
                assertThat(ahead.later()).as("seed %d, job %d of %d", seed, i, waiting.size()).isEqualTo(later);
            }
        }
    }

    private static Comparator<Job> order(Instant now) {
        return Comparator.comparingInt((Job job) -> job.standing().promotedBy(now) ? 0 : 1)
                .thenComparingInt(job -> job.standing().promotedBy(now) ? 0 : -job.standing().priority())
                .thenComparingLong(Job::sequence);
    }

    private static Job job(long seq, String task, JobState state, int priority, Instant promotedAt) {
        Optional<Instant> started = state == JobState.RUNNING ? Optional.of(T0) : Optional.empty();
        return new Job(JobId.random(), seq, task, "q", state, Optional.empty(), "", Optional.empty(), Map.of(),
                state == JobState.RUNNING ? 1 : 0, 0, 0, Optional.empty(), Optional.empty(), T0, started, Optional.empty(), T0,
                Optional.empty(), Optional.empty(), new Standing(priority, promotedAt));
    }
}
