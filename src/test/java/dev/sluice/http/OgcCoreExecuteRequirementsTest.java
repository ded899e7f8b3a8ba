package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OGC API – Processes – Part 1: Core 1.0, requirements class core: process execution (execution modes, inputs,
 * requested outputs, the synchronous and asynchronous answers), each test named after the requirement it pins.
 */
class OgcCoreExecuteRequirementsTest extends ServerFixture {

    private static final String EXECUTE = "/processes/%s/execution";

    @BeforeEach
    void startServer() {
        start("""
                tasks:
                  pair:
                    command: [sh, -c, 'printf %s "$1" > "$3/text.txt"; printf %s "$2" > "$3/n.txt"', sh, '{text}', '{n}', '{out}']
                    sync: { max-wait: 30s }
                    inputs:
                      text: { type: string, max-length: 20 }
                      n: { type: integer, min: 1, max: 10, default: 3 }
                    outputs:
                      text: { file: text.txt, type: string }
                      n: { file: n.txt, type: number }
                  page:
                    command: [sh, -c, 'printf "<p>%s</p>" "$1" > "$2/page.html"', sh, '{text}', '{out}']
                    sync: { max-wait: 30s }
                    inputs: { text: { type: string } }
                    outputs: { page: { file: page.html } }
                  copy:
                    command: [sh, -c, 'cat "$1" > "$2/copy.bin"', sh, '{data}', '{out}']
                    sync: { max-wait: 30s }
                    inputs:
                      data: { type: file, max-size: 1KB }
                      picture: { type: file, accept: [image/png], required: false }
                    outputs: { copy: { file: copy.bin } }
                  later:
                    command: [sh, -c, 'printf %s "$1" > "$2/text.txt"', sh, '{text}', '{out}']
                    inputs: { text: { type: string } }
                    outputs: { text: { file: text.txt, type: string } }
                """);
    }

    @Test
    void req_core_process_execute_op() {
        for (String task : List.of("pair", "page", "later")) {
            Response answer = server.http().postJson(EXECUTE.formatted(task), "{\"inputs\": {\"text\": \"hi\"}}");
            assertThat(answer.status()).as(task).isIn(200, 201);
        }
        assertThat(server.http().get(EXECUTE.formatted("later")).status()).as("execution is a POST").isIn(404, 405);
    }

    @Test
    void req_core_process_execute_request() {
        String full = """
                {"inputs": {"text": {"value": "qualified", "mediaType": "text/plain"}, "n": 7},
                 "outputs": {"text": {"format": {"mediaType": "text/plain"}}, "n": {}}}""";

        Response answer = server.http().postJson(EXECUTE.formatted("pair"), full);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("text").asText()).isEqualTo("qualified");
        assertThat(answer.json().path("n").asInt()).isEqualTo(7);
    }

    @Test
    void req_core_process_execute_inputs_by_value() {
        Response answer = server.http().postJson(EXECUTE.formatted("pair"), "{\"inputs\": {\"text\": \"plain\", \"n\": {\"value\": 2}}}");

        assertThat(answer.json().path("text").asText()).isEqualTo("plain");
        assertThat(answer.json().path("n").asInt()).isEqualTo(2);
    }

    // why: fetching URLs a client names would let any caller make the server reach into its own network; the
    // refusal is Sluice's documented choice (README, OGC API – Processes choices) and is pinned so it stays clear
    @Test
    void req_core_process_execute_inputs_by_reference_is_refused_with_a_clear_problem() {
        Response answer = server.http().postJson(EXECUTE.formatted("pair"),
                "{\"inputs\": {\"text\": {\"href\": \"http://169.254.169.254/latest/meta-data\"}}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("input").asText()).isEqualTo("text");
        assertThat(answer.json().path("detail").asText()).contains("reference", "does not fetch URLs");
    }

    @Test
    void req_core_process_execute_input_inline_binary() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        String plain = Base64.getEncoder().encodeToString(everyByte);
        String broken = Base64.getMimeEncoder().encodeToString(everyByte).replace("\r\n", "\\r\\n");

        for (String value : List.of("\"" + plain + "\"", "{\"value\": \"" + broken + "\", \"mediaType\": \"application/octet-stream\","
                + " \"encoding\": \"base64\"}")) {
            Response answer = server.http().postJson(EXECUTE.formatted("copy"), "{\"inputs\": {\"data\": " + value + "}}");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.bytes()).isEqualTo(everyByte);
        }
    }

    @Test
    void req_core_process_execute_input_inline_binary_passes_the_checks_of_an_upload() throws IOException {
        String text = Base64.getEncoder().encodeToString("not a picture".getBytes(StandardCharsets.UTF_8));
        String tooLarge = Base64.getEncoder().encodeToString(new byte[2048]);
        assertRefused("{\"data\": \"" + text + "\", \"picture\": \"" + text + "\"}", "picture", "must be image/png");
        assertRefused("{\"data\": \"" + tooLarge + "\"}", "data", "is 2 KB; its limit is 1 KB", 413);
        assertRefused("{\"data\": \"not*base64==\"}", "data", "not valid base64");
        assertRefused("{\"data\": \"/etc/passwd\"}", "data", "is not base64 with its padding");
        assertRefused("{\"data\": \"\"}", "data", "is empty");
        assertRefused("{\"data\": {\"value\": \"" + text + "\", \"encoding\": \"binary\"}}", "data", "base64-encoded");
        assertRefused("{\"data\": 42}", "data", "base64-encoded in a string");
        assertRefused("{}", "data", "is required");
        Path jobs = server.dataDir().resolve("jobs");
        if (Files.isDirectory(jobs)) {
            try (Stream<Path> left = Files.list(jobs)) {
                assertThat(left).as("a refused request leaves no folder behind").isEmpty();
            }
        }
    }

    private void assertRefused(String inputs, String input, String saying) {
        assertRefused(inputs, input, saying, 400);
    }

    private void assertRefused(String inputs, String input, String saying, int status) {
        Response refused = server.http().postJson(EXECUTE.formatted("copy"), "{\"inputs\": " + inputs + "}");
        assertThat(refused.status()).as(inputs).isEqualTo(status);
        assertThat(refused.json().path("input").asText()).as(inputs).isEqualTo(input);
        assertThat(refused.json().path("detail").asText()).as(inputs).contains(saying);
    }

    @Test
    void req_core_process_execute_input_validation() {
        for (String inputs : List.of("{\"text\": \"far too long for its twenty characters\"}", "{\"text\": \"a\", \"n\": 11}",
                "{\"text\": \"a\", \"n\": {\"value\": \"three\"}}", "{\"text\": 5}")) {
            Response refused = server.http().postJson(EXECUTE.formatted("pair"), "{\"inputs\": " + inputs + "}");
            assertThat(refused.status()).as(inputs).isEqualTo(400);
            assertThat(refused.json().path("input").asText()).as(inputs).isIn("text", "n");
        }
        Response unknown = server.http().postJson(EXECUTE.formatted("pair"), "{\"inputs\": {\"colour\": \"red\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("input").asText()).isEqualTo("colour");
    }

    @Test
    void req_core_process_execute_default_outputs() {
        Response answer = server.http().postJson(EXECUTE.formatted("pair"), "{\"inputs\": {\"text\": \"all\"}}");

        assertThat(answer.json().path("text").asText()).isEqualTo("all");
        assertThat(answer.json().path("n").asInt()).isEqualTo(3);
    }

    @Test
    void req_core_process_execute_async() {
        Response answer = server.http().postJsonAsync(EXECUTE.formatted("pair"), "{\"inputs\": {\"text\": \"later\"}}");

        assertThat(answer.status()).isEqualTo(201);
        String id = answer.json().path("jobID").asText();
        assertThat(answer.header("Location")).isEqualTo(server.http().base() + "/jobs/" + id);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode status = answer.json();
        assertThat(status.path("type").asText()).isEqualTo("process");
        assertThat(status.path("processID").asText()).isEqualTo("pair");
        assertThat(status.path("status").asText()).isIn("accepted", "running", "successful");
        assertThat(server.http().get(answer.header("Location")).json().path("jobID").asText()).isEqualTo(id);
    }

    @Test
    void req_core_process_execute_sync_one() {
        Response answer = server.http().postJson(EXECUTE.formatted("pair"), "{\"inputs\": {\"text\": \"one\", \"n\": 5}, \"outputs\": {\"n\": {}}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo("5");
        assertThat(answer.header("Link")).endsWith("; rel=\"monitor\"");
    }

    @Test
    void req_core_process_execute_sync_one_but_a_request_naming_response_document_gets_the_document() {
        Response answer = server.http().postJson(EXECUTE.formatted("pair"),
                "{\"inputs\": {\"text\": \"one\", \"n\": 5}, \"outputs\": {\"n\": {}}, \"response\": \"document\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("n").asInt()).isEqualTo(5);
        assertThat(answer.json().has("text")).as("only the output asked for").isFalse();
    }

    @Test
    void req_core_process_execute_sync_one_content() {
        Response answer = server.http().postJson(EXECUTE.formatted("page"), "{\"inputs\": {\"text\": \"hello\"}}");

        assertThat(answer.status()).isEqualTo(200);
        String described = server.http().get("/processes/page").json().path("outputs").path("page").path("schema")
                .path("contentMediaType").asText().split(";")[0];
        assertThat(answer.header("Content-Type")).startsWith(described).startsWith("text/html");
        assertThat(answer.header("Content-Security-Policy")).as("a job's HTML is still sandboxed").contains("sandbox");
        assertThat(answer.body()).isEqualTo("<p>hello</p>");
    }

    @Test
    void req_core_process_execute_sync_many_json() {
        Response answer = server.http().postJson(EXECUTE.formatted("pair"), "{\"inputs\": {\"text\": \"two\"}, \"outputs\": {\"text\": {}, \"n\": {}}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("text").asText()).isEqualTo("two");
        assertThat(answer.json().path("n").isNumber()).isTrue();
    }

    @Test
    void req_core_process_execute_default_execution_mode() {
        assertThat(server.http().postJson(EXECUTE.formatted("later"), "{\"inputs\": {\"text\": \"a\"}}").status())
                .as("async-execute only: asynchronous").isEqualTo(201);
        assertThat(server.http().postJson(EXECUTE.formatted("pair"), "{\"inputs\": {\"text\": \"a\"}}").status())
                .as("either mode: synchronous").isEqualTo(200);
    }

    @Test
    void req_core_process_execute_auto_execution_mode() {
        for (String task : List.of("later", "pair")) {
            Response answer = server.http().postJsonAsync(EXECUTE.formatted(task), "{\"inputs\": {\"text\": \"a\"}}");
            assertThat(answer.status()).as(task).isEqualTo(201);
            assertThat(answer.header("Preference-Applied")).isEqualTo("respond-async");
        }
    }
}
