package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobState;
import dev.sluice.store.NewJob;
import dev.sluice.store.SqliteJobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An observer that throws (the event hub failing) neither undoes the committed change nor silences the others. */
class ObservedJobStoreTest {

    @TempDir
    Path dir;

    @Test
    void a_failing_observer_does_not_fail_the_transition_nor_keep_the_next_observer_from_hearing_it() {
        List<JobState> heard = new ArrayList<>();
        JobObserver broken = new JobObserver() {
            @Override
            public void stateChanged(Job job) {
                throw new IllegalStateException("observer bug");
            }
        };
        JobObserver listening = new JobObserver() {
            @Override
            public void stateChanged(Job job) {
                heard.add(job.state());
            }
        };
        try (ObservedJobStore store = new ObservedJobStore(SqliteJobStore.open(dir.resolve("sluice.db"), Clock.systemUTC()),
                List.of(broken, listening))) {
            JobId id = JobId.random();
            store.insert(new NewJob(id, "t", "default", Map.of(), 0));
            Job claimed = store.claimNext("default").orElseThrow();

            assertThat(claimed.id()).isEqualTo(id);
            assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
            assertThat(heard).containsExactly(JobState.ACCEPTED, JobState.RUNNING);
        }
    }
}
