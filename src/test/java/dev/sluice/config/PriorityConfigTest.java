package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's `priority` and a queue's `promote-after`: their defaults and the values refused. */
class PriorityConfigTest {

    @TempDir
    Path dir;

    @Test
    void priority_defaults_to_zero_and_promote_after_to_ten_minutes() throws ConfigException {
        SluiceConfig config = ConfigTexts.parse(dir, """
                queues:
                  fast: { promote-after: 90s }
                tasks:
                  plain: { command: [echo] }
                  urgent: { command: [echo], priority: 10, queue: fast }
                """);

        assertThat(config.tasks().get("plain").priority()).isZero();
        assertThat(config.tasks().get("urgent").priority()).isEqualTo(10);
        assertThat(config.queue("default").promoteAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.queue("fast").promoteAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void a_priority_beyond_a_thousand_either_way_is_refused_with_its_line() {
        assertThat(ConfigTexts.problems(dir, """
                tasks:
                  echo:
                    command: [echo]
                    priority: 1001
                  low:
                    command: [echo]
                    priority: -5000
                """)).containsExactly(
                "sluice.yaml:4: tasks.echo.priority: must be between -1000 and 1000 (higher starts first; default 0)",
                "sluice.yaml:7: tasks.low.priority: must be between -1000 and 1000 (higher starts first; default 0)");
    }

    @Test
    void a_fractional_priority_or_a_bad_promote_after_is_refused_with_its_line() {
        assertThat(ConfigTexts.problems(dir, """
                tasks:
                  echo: { command: [echo], priority: 1.5 }
                """)).singleElement().asString().startsWith("sluice.yaml:2: tasks.echo.priority");
        assertThat(ConfigTexts.problems(dir, """
                queues:
                  default: { promote-after: soon }
                tasks:
                  echo: { command: [echo] }
                """)).containsExactly("sluice.yaml:2: queues.default.promote-after: 'soon' is not a duration such as 30s, 10m, 2h or 7d");
    }
}
