package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final FailedLogins logins = new FailedLogins(clock);

    @Test
    void an_address_is_throttled_after_its_allowed_failures_until_the_oldest_ages_out() {
        for (int i = 0; i < FailedLogins.ALLOWED; i++) {
            assertThat(logins.waitFor("10.0.0.1")).isEmpty();
            logins.failed("10.0.0.1");
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(logins.waitFor("10.0.0.1")).hasValue(FailedLogins.WINDOW.minusSeconds(10L * FailedLogins.ALLOWED));
        assertThat(logins.waitFor("10.0.0.2")).as("another address").isEmpty();
        clock.advance(FailedLogins.WINDOW.minusSeconds(10L * FailedLogins.ALLOWED));
        assertThat(logins.waitFor("10.0.0.1")).as("the first failure aged out").isEmpty();
    }
}
