package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "10m, PT10M",
            "2h, PT2H",
            "7d, PT168H",
            "1h30m, PT1H30M",
            "1m30s, PT1M30S",
            "1h 30m, PT1H30M",
            "2s500ms, PT2.5S"})
    void reads_the_short_form(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"soon", "30", "10x", "-5m", "", "m", "1h30", "h1", "1.5h"})
    void rejects_text_that_is_not_a_duration(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text))
                .withMessageContaining("is not a duration");
    }

    @ParameterizedTest(name = "''{0}'' is too long")
    @ValueSource(strings = {"36500d1ms", "36501d", "200000d", "106752d", "99999999999999999999d", "9223372036854775807s"})
    void rejects_a_duration_longer_than_a_deadline_can_hold(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text))
                .withMessageContaining("is too long a duration");
    }

    @Test
    void a_hundred_years_is_the_longest_and_fits_a_deadline_in_nanoseconds() {
        Duration longest = Durations.parse("36500d");
        assertThat(longest).isEqualTo(Duration.ofDays(36500));
        assertThat(Math.addExact(System.nanoTime(), longest.toNanos())).isPositive();
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"PT0.5S, 500ms", "PT30S, 30s", "PT10M, 10m", "PT2H, 2h", "PT168H, 7d", "PT1H30M, 90m", "PT0S, 0s"})
    void writes_the_shortest_whole_unit(Duration duration, String text) {
        assertThat(Durations.format(duration)).isEqualTo(text);
    }

    @Test
    void what_it_writes_reads_back_the_same() {
        Duration odd = Duration.ofSeconds(3 * 86400 + 7);
        assertThat(Durations.parse(Durations.format(odd))).isEqualTo(odd);
    }
}
