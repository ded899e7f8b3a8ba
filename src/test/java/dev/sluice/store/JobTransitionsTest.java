package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class JobTransitionsTest {

    @Test
    void a_final_state_has_no_exits() {
        for (JobState from : JobState.values()) {
            if (from.isFinal()) {
                assertThat(JobState.values()).as("exits from %s", from)
                        .noneMatch(to -> JobTransitions.allowed(from, to));
            }
        }
    }

    @Test
    void the_allowed_moves_are_exactly_the_documented_ones() {
        List<Tuple> allowed = Arrays.stream(JobState.values())
                .flatMap(from -> Arrays.stream(JobState.values())
                        .filter(to -> JobTransitions.allowed(from, to))
                        .map(to -> tuple(from, to)))
                .toList();

        assertThat(allowed).containsExactlyInAnyOrder(
                tuple(JobState.ACCEPTED, JobState.RUNNING),
                tuple(JobState.ACCEPTED, JobState.DISMISSED),
                tuple(JobState.RUNNING, JobState.SUCCESSFUL),
                tuple(JobState.RUNNING, JobState.FAILED),
                tuple(JobState.RUNNING, JobState.DISMISSED),
                tuple(JobState.RUNNING, JobState.ACCEPTED));
    }

    @Test
    void only_successful_failed_and_dismissed_are_final() {
        assertThat(JobState.values()).filteredOn(JobState::isFinal)
                .containsExactlyInAnyOrder(JobState.SUCCESSFUL, JobState.FAILED, JobState.DISMISSED);
    }

    @Test
    void check_rejects_a_forbidden_move_naming_the_current_state() {
        JobId id = JobId.random();

        assertThatThrownBy(() -> JobTransitions.check(id, JobState.FAILED, JobState.RUNNING))
                .isInstanceOfSatisfying(IllegalTransitionException.class,
                        e -> assertThat(e.current()).isEqualTo(JobState.FAILED))
                .hasMessageContaining(id.value()).hasMessageContaining("failed").hasMessageContaining("running");
    }

    @Test
    void check_lets_an_allowed_move_pass() {
        assertThatCode(() -> JobTransitions.check(JobId.random(), JobState.RUNNING, JobState.ACCEPTED))
                .doesNotThrowAnyException();
    }
}
