package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `server.callbacks`: its defaults, the values a file gives, and every value that cannot work named by key and line. */
class CallbacksConfigTest {

    private static final String TASKS = "tasks:\n  echo: { command: [echo] }\n";

    @TempDir
    Path dir;

    @Test
    void without_the_key_callbacks_are_on_with_bounded_deliveries_and_no_allowed_block() throws Exception {
        CallbacksConfig callbacks = ConfigTexts.parse(dir, TASKS).server().callbacks();

        assertThat(callbacks.enabled()).isTrue();
        assertThat(callbacks.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(callbacks.attempts()).isEqualTo(5);
        assertThat(callbacks.giveUpAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(callbacks.allow()).isEmpty();
    }

    @Test
    void the_keys_take_the_values_the_file_gives() throws Exception {
        CallbacksConfig callbacks = ConfigTexts.parse(dir, """
                server:
                  callbacks: { enabled: false, timeout: 3s, attempts: 2, give-up-after: 1h, allow: [10.9.0.0/16, "fd00::/8"] }
                """ + TASKS).server().callbacks();

        assertThat(callbacks.enabled()).isFalse();
        assertThat(callbacks.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(callbacks.attempts()).isEqualTo(2);
        assertThat(callbacks.giveUpAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(callbacks.allowedRanges()).hasSize(2);
    }

    @Test
    void values_that_cannot_work_are_each_named_by_key_and_line() {
        assertThat(ConfigTexts.problems(dir, """
                server:
                  callbacks:
                    timeout: 0s
                    attempts: 0
                    give-up-after: 0s
                    allow: [10.0.0.1/8, intranet.example]
                """ + TASKS)).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).startsWith("sluice.yaml:3: server.callbacks.timeout: must be more than 0"),
                p -> assertThat(p).startsWith("sluice.yaml:4: server.callbacks.attempts: must be from 1 to 20"),
                p -> assertThat(p).startsWith("sluice.yaml:5: server.callbacks.give-up-after: must be more than 0"),
                p -> assertThat(p).startsWith("sluice.yaml:6: server.callbacks.allow[0]: '10.0.0.1/8' has bits set"),
                p -> assertThat(p).startsWith("sluice.yaml:6: server.callbacks.allow[1]: 'intranet.example' is not an IP address"));
    }
}
