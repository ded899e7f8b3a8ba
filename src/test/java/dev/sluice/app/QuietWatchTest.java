package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Memory is given back once per spell of quiet that follows work: quiet means little CPU over a whole window. */
class QuietWatchTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    // a window of 30 s with a budget of 300 ms of CPU in it; 1 s of CPU counts as work
    private final QuietWatch watch = new QuietWatch(30 * SECOND, 300 * MS, SECOND, 0);

    @Test
    void a_server_that_worked_and_then_stayed_quiet_for_a_whole_window_is_due() {
        assertThat(watch.due(0, 5 * SECOND)).isFalse();
        assertThat(watch.due(10 * SECOND, 5 * SECOND + 10 * MS)).isFalse();
        assertThat(watch.due(29 * SECOND, 5 * SECOND + 20 * MS)).isFalse();

        assertThat(watch.due(30 * SECOND, 5 * SECOND + 30 * MS)).isTrue();
    }

    @Test
    void a_server_still_busy_within_the_window_is_not_due() {
        watch.due(0, 5 * SECOND);
        assertThat(watch.due(30 * SECOND, 5 * SECOND + 300 * MS)).isFalse();
        assertThat(watch.due(40 * SECOND, 5 * SECOND + 400 * MS)).isFalse();

        // the busy stretch has left the window: from 40 s to 70 s it used 10 ms
        assertThat(watch.due(70 * SECOND, 5 * SECOND + 410 * MS)).isTrue();
    }

    @Test
    void a_server_that_has_not_worked_since_it_last_gave_memory_back_is_not_due_however_quiet() {
        watch.due(0, 5 * SECOND);
        assertThat(watch.due(30 * SECOND, 5 * SECOND)).isTrue();
        watch.released(5 * SECOND + 80 * MS);

        assertThat(watch.due(60 * SECOND, 5 * SECOND + 90 * MS)).isFalse();
        assertThat(watch.due(600 * SECOND, 5 * SECOND + 200 * MS)).isFalse();

        // a second burst of work, then a quiet window after it
        assertThat(watch.due(610 * SECOND, 7 * SECOND)).isFalse();
        assertThat(watch.due(640 * SECOND, 7 * SECOND + 10 * MS)).isTrue();
    }

    @Test
    void a_server_that_used_little_cpu_since_it_started_is_not_due() {
        QuietWatch fresh = new QuietWatch(30 * SECOND, 300 * MS, SECOND, 2 * SECOND);

        assertThat(fresh.due(0, 2 * SECOND + 100 * MS)).isFalse();
        assertThat(fresh.due(60 * SECOND, 2 * SECOND + 200 * MS)).isFalse();
    }
}
