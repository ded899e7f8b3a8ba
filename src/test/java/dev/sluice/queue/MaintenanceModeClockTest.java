package dev.sluice.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.store.JobStore;
import dev.sluice.store.SqliteJobStore;
import dev.sluice.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maintenance mode ends by itself at its `until`, tells clients when to come back, and is read from the store. */
class MaintenanceModeClockTest {

    @TempDir
    Path dir;

    @Test
    void it_ends_at_its_until_and_retry_after_counts_down_to_it() {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-05T22:00:00Z"));
        try (JobStore store = SqliteJobStore.open(dir.resolve("sluice.db"), clock)) {
            MaintenanceMode mode = new MaintenanceMode(store, clock);
            mode.start("", Optional.of(clock.instant().plus(Duration.ofMinutes(10))));

            assertThat(mode.active()).map(m -> m.message()).contains(MaintenanceMode.DEFAULT_MESSAGE);
            assertThat(mode.retryAfter(mode.active().orElseThrow())).isEqualTo(Duration.ofMinutes(10).plusSeconds(1));
            assertThatThrownBy(mode::ensureOpen).isInstanceOf(MaintenanceException.class);
            clock.advance(Duration.ofMinutes(10));
            assertThat(mode.active()).isEmpty();
            mode.ensureOpen();
        }
    }

    @Test
    void another_instance_on_the_same_store_sees_a_change_within_a_second_of_its_clock() {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-05T22:00:00Z"));
        try (JobStore store = SqliteJobStore.open(dir.resolve("sluice.db"), clock)) {
            MaintenanceMode here = new MaintenanceMode(store, clock);
            MaintenanceMode elsewhere = new MaintenanceMode(store, clock);
            assertThat(elsewhere.active()).isEmpty();

            here.start("moving", Optional.empty());
            clock.advance(Duration.ofSeconds(1));

            assertThat(elsewhere.active()).map(m -> m.message()).contains("moving");
            assertThat(elsewhere.retryAfter(elsewhere.active().orElseThrow())).isEqualTo(MaintenanceMode.RETRY_WITHOUT_END);
        }
    }
}
