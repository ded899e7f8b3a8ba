package dev.sluice.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.store.StoreException;
import dev.sluice.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A loop whose passes keep failing writes a line when it starts failing, a count once a minute, and a line when it stops. */
class LoopFailuresTest {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private LoopFailures failures;

    @BeforeEach
    void listen() {
        Logger logger = (Logger) LoggerFactory.getLogger("loop-failures-test-" + System.nanoTime());
        lines.start();
        logger.addAppender(lines);
        failures = new LoopFailures(logger, "queue-default", clock);
    }

    @Test
    void the_same_failure_every_second_for_three_minutes_is_logged_once_and_then_summarised_once_a_minute() {
        for (int second = 0; second < 180; second++) {
            failures.failed("claim-failed", "queue=default", new StoreException("database or disk is full", null));
            clock.advance(Duration.ofSeconds(1));
        }

        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).isEqualTo("event=claim-failed loop=queue-default queue=default reason=\"database or disk is full\"");
        assertThat(messages.get(1)).contains("repeated=60", "within=60s");
        assertThat(messages.get(2)).contains("repeated=60", "within=60s");
        assertThat(lines.list).allMatch(e -> e.getThrowableProxy() == null, "a database failure is logged without a stack trace");
    }

    @Test
    void an_io_failure_is_expected_of_a_full_disk_and_logged_without_a_stack_trace() {
        failures.failed("disk-reserve-unavailable", "file=disk-reserve", new java.io.IOException("No space left on device"));

        assertThat(lines.list).singleElement().satisfies(e -> assertThat(e.getThrowableProxy()).isNull());
    }

    @Test
    void an_unexpected_failure_is_logged_with_its_stack_trace_once() {
        failures.failed("run-failed", "job=abc", new IllegalStateException("bug"));
        failures.failed("run-failed", "job=def", new IllegalStateException("bug"));

        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getThrowableProxy()).isNotNull();
        assertThat(lines.list.get(0).getFormattedMessage()).contains("job=abc");
    }

    @Test
    void different_steps_are_logged_each_and_a_pass_that_works_says_the_failures_are_over() {
        failures.failed("claim-failed", "", new StoreException("locked", null));
        failures.failed("finish-failed", "job=abc", new StoreException("locked", null));
        failures.failed("finish-failed", "job=abc", new StoreException("locked", null));
        failures.succeeded();
        failures.succeeded();
        failures.failed("claim-failed", "", new StoreException("locked", null));

        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).hasSize(4);
        assertThat(messages.get(2)).isEqualTo("event=loop-recovered loop=queue-default unlogged-failures=1");
        assertThat(messages.get(3)).startsWith("event=claim-failed");
    }
}
