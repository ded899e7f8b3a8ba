package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's `sync`: absent means asynchronous only, `{}` waits 30 s, and a wait beyond a minute is refused. */
class SyncConfigTest {

    @TempDir
    Path dir;

    @Test
    void sync_is_off_unless_given_and_waits_thirty_seconds_by_default() throws ConfigException {
        SluiceConfig config = ConfigTexts.parse(dir, """
                tasks:
                  plain: { command: [echo] }
                  quick: { command: [echo], sync: {} }
                  short: { command: [echo], sync: { max-wait: 5s } }
                """);

        assertThat(config.tasks().get("plain").syncIfAny()).isEmpty();
        assertThat(config.tasks().get("quick").syncIfAny().orElseThrow().maxWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.tasks().get("short").syncIfAny().orElseThrow().maxWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void a_wait_of_zero_or_beyond_a_minute_and_an_unknown_key_are_refused_with_their_lines() {
        assertThat(ConfigTexts.problems(dir, """
                tasks:
                  long:
                    command: [echo]
                    sync: { max-wait: 2m }
                  none:
                    command: [echo]
                    sync: { max-wait: 0s }
                """)).containsExactly(
                "sluice.yaml:4: tasks.long.sync.max-wait: must be more than 0 and at most 1m (default 30s); a longer job is"
                        + " submitted asynchronously anyway, so leave `sync` out for it",
                "sluice.yaml:7: tasks.none.sync.max-wait: must be more than 0 and at most 1m (default 30s); a longer job is"
                        + " submitted asynchronously anyway, so leave `sync` out for it");
        assertThat(ConfigTexts.problems(dir, """
                tasks:
                  echo: { command: [echo], sync: { wait: 5s } }
                """)).singleElement().asString().startsWith("sluice.yaml:2: tasks.echo.sync").contains("wait");
    }
}
