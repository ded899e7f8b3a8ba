package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real server with strict inputs and a small queue, for the bad-input tests, and the assertions they share:
 * every bad request gets a 4xx problem document that says what was wrong, and never a stack trace or a 500.
 */
abstract class ProblemServer extends ServerFixture {

    static final String EXECUTE = "/processes/echo/execution";

    HttpTestClient http;
    private Path release;

    @BeforeEach
    void startServer() {
        release = dir.resolve("release");
        Path echo = Scripts.write(dir.resolve("scripts"), "echo.sh", "printf '%s' \"$1\" > \"$2/echo.txt\"");
        Path gate = Scripts.write(dir.resolve("scripts"), "gate.sh",
                "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done\necho done > \"$1/done.txt\"");
        Path fail = Scripts.write(dir.resolve("scripts"), "fail.sh", "echo 'going wrong'\nexit 3");
        server = dev.sluice.testing.TestServer.start(dir, """
                tasks:
                  echo:
                    command: %s
                    inputs:
                      text: { type: string, max-length: 20, pattern: "[a-z ]*" }
                      n: { type: integer, min: 1, max: 10, default: 3 }
                      ratio: { type: number, min: 0, max: 1, required: false }
                      dose: { type: number, min: 0.1, max: 2, step: 0.1, required: false }
                      even: { type: integer, step: 2, required: false }
                      flag: { type: boolean, default: false }
                      colour: { type: string, enum: [red, green], required: false }
                      data: { type: file, max-size: 2KB, required: false }
                    outputs:
                      echo: { file: echo.txt, type: string }
                      page: { file: page.html, optional: true }
                  gate:
                    command: %s
                    outputs:
                      done: { file: done.txt }
                  fail:
                    command: %s
                queues:
                  default: { concurrency: 1, max-waiting: 2 }
                """.formatted(Scripts.command(echo, "{text}", "{out}"), Scripts.command(gate, "{out}"), Scripts.command(fail)), overrides());
        http = server.http();
    }

    /** Config keys a subclass sets as if from the environment (`SLUICE_SERVER_IDLE_TIMEOUT`, ...). */
    java.util.Map<String, String> overrides() {
        return java.util.Map.of();
    }

    /** Lets jobs held by gate.sh end, so the server stops without waiting on them. */
    @AfterEach
    void openTheGate() throws IOException {
        Files.writeString(release, "go");
    }

    // --- helpers

    Response submit(String inputsJson) {
        return http.postJson(EXECUTE, "{\"inputs\": " + inputsJson + "}");
    }

    /** Asserts an RFC 9457 problem document with this status and returns it. */
    static JsonNode assertProblem(Response r, int status) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        return assertProblemDocument(r);
    }

    static void assertClientProblem(Response r) {
        assertThat(r.status()).as("status of %s", r.body()).isBetween(400, 499);
        assertProblemDocument(r);
    }

    private static JsonNode assertProblemDocument(Response r) {
        assertThat(r.header("Content-Type")).as("content type of %s", r.body()).startsWith("application/problem+json");
        assertNoStackTrace(r.body());
        JsonNode problem = r.json();
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(r.status());
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    static void assertNoStackTrace(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.sluice")
                .doesNotContain("at io.javalin").doesNotContain("at org.eclipse");
    }

    static void assertInput(JsonNode problem, String input, String reason) {
        assertThat(problem.path("input").asText()).isEqualTo(input);
        assertThat(problem.path("detail").asText()).contains("'" + input + "'").contains(reason);
    }
}
