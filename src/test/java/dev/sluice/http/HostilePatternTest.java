package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.InputSpec;
import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patterns that make a backtracking engine overflow its stack or run for minutes are matched in linear time, and
 * every string has a length limit even when its input sets none.
 */
@Timeout(60)
class HostilePatternTest {

    @TempDir
    static Path dir;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, """
                tasks:
                  words:
                    command: [echo, "{word}"]
                    inputs:
                      word: { type: string, pattern: "([a-z]|-)+", max-length: 100000 }
                  nested:
                    command: [echo, "{word}"]
                    inputs:
                      word: { type: string, pattern: "(a+)+b", max-length: 1000000 }
                  plain:
                    command: [echo, "{word}"]
                    inputs:
                      word: { type: string }
                """);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void an_alternation_under_a_repeat_matches_a_long_value_without_overflowing_the_stack() {
        HostileInputs.tried("http");
        HttpTestClient.Response accepted = submit("words", "a-".repeat(20_000));
        HttpTestClient.Response refused = submit("words", "a-".repeat(20_000) + "A");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("pattern");
    }

    @Test
    void a_nested_repeat_refuses_half_a_million_characters_without_backtracking() {
        HostileInputs.tried("http");
        HttpTestClient.Response refused = submit("nested", "a".repeat(500_000));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("input").asText()).isEqualTo("word");
        assertThat(submit("nested", "a".repeat(1000) + "b").status()).isEqualTo(201);
    }

    @Test
    void a_string_without_max_length_is_held_to_the_default() {
        HostileInputs.tried("http");
        HttpTestClient.Response refused = submit("plain", "x".repeat(InputSpec.DEFAULT_MAX_LENGTH + 1));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("at most " + InputSpec.DEFAULT_MAX_LENGTH, "max-length");
        assertThat(submit("plain", "x".repeat(InputSpec.DEFAULT_MAX_LENGTH)).status()).isEqualTo(201);
    }

    private static HttpTestClient.Response submit(String task, String word) {
        return server.http().postJson("/processes/" + task + "/execution", "{\"inputs\": {\"word\": \"" + word + "\"}}");
    }
}
