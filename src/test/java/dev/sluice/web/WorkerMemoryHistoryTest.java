package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.TaskMode;
import dev.sluice.worker.WorkerInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The workers' memory kept for the admin page: bounded per worker, forgotten when the worker is gone. */
class WorkerMemoryHistoryTest {

    private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");

    @Test
    void keeps_the_latest_samples_of_each_worker_and_forgets_a_worker_that_is_gone() {
        WorkerMemoryHistory history = new WorkerMemoryHistory(List::of);
        WorkerInfo first = worker(101, 10);
        WorkerInfo second = worker(202, 20);
        for (int i = 0; i < WorkerMemoryHistory.KEPT + 5; i++) {
            history.sample(List.of(first, second), START.plusSeconds(10L * i));
        }
        assertThat(history.of(first)).hasSize(WorkerMemoryHistory.KEPT);
        assertThat(history.of(first).getFirst().at()).isEqualTo(START.plusSeconds(50));

        history.sample(List.of(second), START.plusSeconds(10_000));

        assertThat(history.of(first)).isEmpty();
        assertThat(history.of(second)).hasSize(WorkerMemoryHistory.KEPT);
    }

    @Test
    void a_reused_pid_is_another_worker() {
        WorkerMemoryHistory history = new WorkerMemoryHistory(List::of);
        history.sample(List.of(worker(7, 1)), START);
        WorkerInfo reborn = new WorkerInfo(7, "t", TaskMode.EXEC, Optional.empty(), 0, 1, START.plusSeconds(60));

        assertThat(history.of(reborn)).isEmpty();
    }

    @Test
    void the_memory_line_has_a_point_per_sample_and_says_its_range() {
        WorkerMemoryHistory history = new WorkerMemoryHistory(List::of);
        WorkerInfo w = worker(9, 0);
        for (int i = 0; i < 4; i++) {
            history.sample(List.of(new WorkerInfo(9, "t", TaskMode.EXEC, Optional.empty(), 0, (i + 1) << 20, START)), START.plusSeconds(60L * i));
        }

        String line = AdminCharts.memoryLine(history.of(w));

        assertThat(line).contains("role=\"img\"", "memory over the last 3 min: from 1 MB to 4 MB");
        assertThat(line.substring(line.indexOf("points=\"") + 8, line.indexOf("\"/>")).split(" ")).hasSize(4);
        assertThat(AdminCharts.memoryLine(history.of(worker(10, 0)))).isEmpty();
    }

    private static WorkerInfo worker(long pid, long megabytes) {
        return new WorkerInfo(pid, "t", TaskMode.EXEC, Optional.empty(), 0, megabytes << 20, START);
    }
}
