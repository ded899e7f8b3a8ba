package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad request gets a 4xx problem document that says what was wrong, and never a stack trace or a 500. */
class BadInputTest {

    private static final String EXECUTE = "/processes/echo/execution";
    private static final long MAX_UPLOAD = 1L << 20;
    private static final int TWO_MEGABYTES = 2 << 20;
    private static final String BOUNDARY = "b0undary";

    @TempDir
    Path dir;

    private TestServer server;
    private HttpTestClient http;
    private Path release;

    @BeforeEach
    void start() {
        release = dir.resolve("release");
        Path echo = Scripts.write(dir.resolve("scripts"), "echo.sh", "printf '%s' \"$1\" > \"$2/echo.txt\"");
        Path gate = Scripts.write(dir.resolve("scripts"), "gate.sh",
                "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done\necho done > \"$1/done.txt\"");
        Path fail = Scripts.write(dir.resolve("scripts"), "fail.sh", "echo 'going wrong'\nexit 3");
        server = TestServer.start(dir, """
                tasks:
                  echo:
                    command: %s
                    inputs:
                      text: { type: string, max-length: 20, pattern: "[a-z ]*" }
                      n: { type: integer, min: 1, max: 10, default: 3 }
                      ratio: { type: number, min: 0, max: 1, required: false }
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
                """.formatted(Scripts.command(echo, "{text}", "{out}"), Scripts.command(gate, "{out}"), Scripts.command(fail)));
        http = server.http();
    }

    @AfterEach
    void stop() throws IOException {
        Files.writeString(release, "go");
        server.close();
    }

    // --- process and input names

    @Test
    void an_unknown_process_is_not_found() {
        JsonNode problem = assertProblem(http.postJson("/processes/nope/execution", "{\"inputs\": {}}"), 404);

        assertThat(problem.path("detail").asText()).contains("nope");
    }

    @Test
    void the_description_of_an_unknown_process_is_not_found() {
        assertProblem(http.get("/processes/nope"), 404);
    }

    @Test
    void an_unknown_input_name_is_refused_and_named() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"colur\": \"red\"}"), 400);

        assertThat(problem.path("input").asText()).isEqualTo("colur");
        assertThat(problem.path("detail").asText()).contains("colur").contains("colour");
    }

    @Test
    void a_missing_required_input_is_named() {
        JsonNode problem = assertProblem(submit("{\"n\": 2}"), 400);

        assertInput(problem, "text", "required");
    }

    // --- strings

    @Test
    void a_string_longer_than_its_max_length_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"abcdefghijklmnopqrstu\"}"), 400);

        assertInput(problem, "text", "at most 20");
    }

    @Test
    void a_string_that_does_not_match_its_pattern_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"Hello!\"}"), 400);

        assertInput(problem, "text", "pattern");
    }

    @Test
    void a_string_outside_its_enum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"colour\": \"blue\"}"), 400);

        assertInput(problem, "colour", "red, green");
    }

    @Test
    void a_string_given_as_a_number_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": 42}"), 400);

        assertInput(problem, "text", "must be a string");
    }

    @Test
    void a_list_given_for_a_single_value_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": [\"a\", \"b\"]}"), 400);

        assertInput(problem, "text", "single value");
    }

    @Test
    void a_nul_character_in_a_string_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"a\\u0000b\"}"), 400);

        assertInput(problem, "text", "NUL");
    }

    // --- numbers and booleans

    @Test
    void an_integer_that_is_not_whole_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"n\": 2.5}"), 400);

        assertInput(problem, "n", "whole number");
    }

    @Test
    void an_integer_below_its_minimum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"n\": 0}"), 400);

        assertInput(problem, "n", "at least 1");
    }

    @Test
    void an_integer_above_its_maximum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"n\": 11}"), 400);

        assertInput(problem, "n", "at most 10");
    }

    @Test
    void a_number_below_its_minimum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"ratio\": -0.1}"), 400);

        assertInput(problem, "ratio", "at least 0");
    }

    @Test
    void a_number_above_its_maximum_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"ratio\": 1.5}"), 400);

        assertInput(problem, "ratio", "at most 1");
    }

    @Test
    void a_number_given_as_text_that_is_not_a_number_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"ratio\": \"abc\"}"), 400);

        assertInput(problem, "ratio", "not a number");
    }

    @Test
    void a_boolean_given_as_yes_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"flag\": \"yes\"}"), 400);

        assertInput(problem, "flag", "true or false");
    }

    // --- the shape of the request

    @Test
    void a_malformed_json_body_is_a_bad_request() {
        JsonNode problem = assertProblem(http.postJson(EXECUTE, "{\"inputs\": {\"text\": "), 400);

        assertThat(problem.path("detail").asText()).contains("not valid JSON");
    }

    @Test
    void a_json_body_that_is_an_array_is_a_bad_request() {
        JsonNode problem = assertProblem(http.postJson(EXECUTE, "[{\"inputs\": {\"text\": \"hi\"}}]"), 400);

        assertThat(problem.path("detail").asText()).contains("JSON object");
    }

    @Test
    void inputs_that_are_not_an_object_are_a_bad_request() {
        JsonNode problem = assertProblem(http.postJson(EXECUTE, "{\"inputs\": [\"hi\"]}"), 400);

        assertThat(problem.path("detail").asText()).contains("'inputs' must be an object");
    }

    @Test
    void an_unsupported_content_type_is_refused_with_415() {
        Response r = http.post(EXECUTE, "text/plain", "text=hi".getBytes(StandardCharsets.UTF_8));

        JsonNode problem = assertProblem(r, 415);
        assertThat(problem.path("detail").asText()).contains("application/json").contains("multipart/form-data");
    }

    // --- files

    @Test
    void a_file_input_sent_in_json_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"data\": \"aGVsbG8=\"}"), 400);

        assertInput(problem, "data", "multipart/form-data");
    }

    @Test
    void a_text_field_for_a_file_input_is_refused() {
        Response r = http.multipart(EXECUTE, List.of(Part.field("text", "hi"), Part.field("data", "not a file")));

        assertInput(assertProblem(r, 400), "data", "must be uploaded as a file");
    }

    @Test
    void a_file_part_for_a_value_input_is_refused() {
        Response r = http.multipart(EXECUTE, List.of(Part.file("text", "text.txt", "hi".getBytes(StandardCharsets.UTF_8))));

        assertInput(assertProblem(r, 400), "text", "must be a value, not a file");
    }

    @Test
    void a_file_larger_than_its_input_max_size_is_refused_with_413_naming_the_input_and_the_limit() {
        Response r = http.multipart(EXECUTE, List.of(Part.field("text", "hi"), Part.file("data", "big.bin", new byte[3000])));

        JsonNode problem = assertProblem(r, 413);
        assertInput(problem, "data", "2 KB");
        assertThat(problem.path("limit").asLong()).isEqualTo(2048);
    }

    @Test
    void a_refused_upload_leaves_no_job_folder_behind() throws IOException {
        assertProblem(http.multipart(EXECUTE, List.of(Part.field("text", "hi"), Part.file("data", "big.bin", new byte[3000]))), 413);

        Path jobs = server.dataDir().resolve("jobs");
        if (Files.isDirectory(jobs)) {
            try (Stream<Path> folders = Files.list(jobs)) {
                assertThat(folders).isEmpty();
            }
        }
        assertThat(http.get("/jobs").json().path("jobs")).isEmpty();
    }

    @Test
    void a_request_declaring_more_than_max_upload_is_refused_before_its_body_is_sent() throws IOException {
        // why: only the head goes out; a server that waited for the 2 MB body would never answer
        RawHttp.Answer r = rawExchange(head("multipart/form-data; boundary=" + BOUNDARY, "Content-Length: " + TWO_MEGABYTES), new byte[0]);

        assertRawTooLarge(r, MAX_UPLOAD);
    }

    @Test
    void a_two_megabyte_upload_declared_by_content_length_is_refused_with_413_and_the_limit() throws IOException {
        byte[] body = multipartBody("data", new byte[TWO_MEGABYTES - 200]);

        RawHttp.Answer r = rawExchange(head("multipart/form-data; boundary=" + BOUNDARY, "Content-Length: " + body.length), body);

        assertRawTooLarge(r, MAX_UPLOAD);
    }

    @Test
    void an_upload_larger_than_max_upload_without_a_declared_length_is_refused_with_413_and_the_limit() throws IOException {
        byte[] body = RawHttp.chunked(multipartBody("data", new byte[TWO_MEGABYTES]));

        RawHttp.Answer r = rawExchange(head("multipart/form-data; boundary=" + BOUNDARY, "Transfer-Encoding: chunked"), body);

        assertRawTooLarge(r, MAX_UPLOAD);
    }

    @Test
    void a_json_body_larger_than_max_upload_without_a_declared_length_is_refused_with_413_and_the_limit() throws IOException {
        byte[] json = ("{\"inputs\": {\"text\": \"" + "a".repeat(TWO_MEGABYTES) + "\"}}").getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer r = rawExchange(head("application/json", "Transfer-Encoding: chunked"), RawHttp.chunked(json));

        assertRawTooLarge(r, MAX_UPLOAD);
    }

    @Test
    void a_multipart_body_without_a_boundary_is_a_client_error() {
        Response r = http.post(EXECUTE, "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--x--\r\n"
                .getBytes(StandardCharsets.UTF_8));

        assertClientProblem(r);
    }

    @Test
    void a_multipart_body_of_garbage_is_a_client_error() {
        byte[] garbage = "this is not multipart at all \u0000\u0001\r\n--nope\r\n".getBytes(StandardCharsets.UTF_8);
        Response r = http.post(EXECUTE, "multipart/form-data; boundary=b0undary", garbage);

        assertClientProblem(r);
    }

    // --- jobs

    @Test
    void an_unknown_job_id_is_not_found() {
        assertProblem(http.get("/jobs/0123456789abcdef0123456789abcdef"), 404);
    }

    @Test
    void a_job_id_that_is_a_path_is_not_found() {
        assertProblem(http.get("/jobs/..%2F..%2Fetc%2Fpasswd"), 404);
    }

    @Test
    void a_job_path_that_climbs_above_the_root_is_a_client_problem() {
        // why: Jetty refuses such a path before routing (400); it must still answer with a problem document
        assertClientProblem(http.get("/jobs/../../etc/passwd"));
    }

    @Test
    void a_job_id_that_is_a_short_number_is_not_found() {
        assertProblem(http.get("/jobs/123"), 404);
    }

    @Test
    void the_results_of_a_malformed_job_id_are_not_found() {
        assertProblem(http.get("/jobs/123/results/echo"), 404);
    }

    @Test
    void results_of_a_running_job_are_not_ready() {
        String id = server.submit("gate", "{}");
        server.awaitStatus(id, "running");

        JsonNode problem = assertProblem(http.get("/jobs/" + id + "/results"), 404);

        assertThat(problem.path("type").asText()).endsWith("/result-not-ready");
    }

    @Test
    void results_of_a_queued_job_are_not_ready() {
        String running = server.submit("gate", "{}");
        server.awaitStatus(running, "running");
        String queued = server.submit("gate", "{}");

        JsonNode problem = assertProblem(http.get("/jobs/" + queued + "/results"), 404);

        assertThat(server.status(queued).path("status").asText()).isEqualTo("accepted");
        assertThat(problem.path("type").asText()).endsWith("/result-not-ready");
    }

    @Test
    void a_result_file_of_a_running_job_is_not_ready() {
        String id = server.submit("gate", "{}");
        server.awaitStatus(id, "running");

        JsonNode problem = assertProblem(http.get("/jobs/" + id + "/results/done"), 404);

        assertThat(problem.path("type").asText()).endsWith("/result-not-ready");
    }

    @Test
    void results_of_a_failed_job_are_not_found() {
        String id = server.submit("fail", "{}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("failed");

        JsonNode problem = assertProblem(http.get("/jobs/" + id + "/results"), 404);

        assertThat(problem.path("detail").asText()).contains("failed");
    }

    @Test
    void an_output_name_that_is_not_declared_is_not_found() {
        String id = server.submit("echo", "{\"text\": \"hi\"}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");

        JsonNode problem = assertProblem(http.get("/jobs/" + id + "/results/secret"), 404);

        assertThat(problem.path("detail").asText()).contains("secret");
    }

    @Test
    void a_range_that_starts_past_the_end_of_a_result_file_is_not_satisfiable() {
        String id = server.submit("echo", "{\"text\": \"hi\"}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");

        Response r = http.get("/jobs/" + id + "/results/echo", Map.of("Range", "bytes=100-200"));

        assertProblem(r, 416);
        assertThat(r.header("Content-Range")).isEqualTo("bytes */2");
    }

    @Test
    void deleting_a_finished_job_is_a_conflict() {
        String id = server.submit("echo", "{\"text\": \"hi\"}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");

        JsonNode problem = assertProblem(http.delete("/jobs/" + id), 409);

        assertThat(problem.path("detail").asText()).contains("successful");
        assertThat(server.status(id).path("status").asText()).isEqualTo("successful");
    }

    @Test
    void deleting_an_unknown_job_is_not_found() {
        assertProblem(http.delete("/jobs/0123456789abcdef0123456789abcdef"), 404);
    }

    @Test
    void a_full_queue_answers_503_with_retry_after() {
        String running = server.submit("gate", "{}");
        server.awaitStatus(running, "running");
        server.submit("gate", "{}");
        server.submit("gate", "{}");

        Response r = http.postJson("/processes/gate/execution", "{\"inputs\": {}}");

        JsonNode problem = assertProblem(r, 503);
        assertThat(r.header("Retry-After")).isNotNull().matches("[1-9][0-9]*");
        assertThat(problem.path("detail").asText()).contains("default");
        assertThat(http.get("/jobs").json().path("jobs")).hasSize(3);
    }

    // --- routes

    @Test
    void an_unknown_route_is_a_not_found_problem() {
        assertProblem(http.get("/no/such/route"), 404);
    }

    @Test
    void a_method_that_a_route_does_not_take_is_a_problem() {
        Response r = http.send(http.builder("/processes").PUT(HttpRequest.BodyPublishers.noBody()).build());

        assertClientProblem(r);
    }

    @Test
    void the_server_still_serves_after_a_run_of_bad_inputs() throws IOException {
        assertProblem(http.postJson(EXECUTE, "{\"inputs\": "), 400);
        assertProblem(submit("{\"text\": [1]}"), 400);
        assertProblem(http.post(EXECUTE, "multipart/form-data; boundary=b", "garbage".getBytes(StandardCharsets.UTF_8)), 400);
        assertRawTooLarge(rawExchange(head("multipart/form-data; boundary=" + BOUNDARY, "Transfer-Encoding: chunked"),
                RawHttp.chunked(multipartBody("data", new byte[TWO_MEGABYTES]))), MAX_UPLOAD);
        assertClientProblem(http.get("/jobs/../../etc/passwd"));

        Response health = http.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");
    }

    // --- helpers

    private Response submit(String inputsJson) {
        return http.postJson(EXECUTE, "{\"inputs\": " + inputsJson + "}");
    }

    /** Asserts an RFC 9457 problem document with this status and returns it. */
    private static JsonNode assertProblem(Response r, int status) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        return assertProblemDocument(r);
    }

    private static void assertClientProblem(Response r) {
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

    private static void assertNoStackTrace(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.sluice")
                .doesNotContain("at io.javalin").doesNotContain("at org.eclipse");
    }

    private static void assertInput(JsonNode problem, String input, String reason) {
        assertThat(problem.path("input").asText()).isEqualTo(input);
        assertThat(problem.path("detail").asText()).contains("'" + input + "'").contains(reason);
    }

    private RawHttp.Answer rawExchange(String head, byte[] body) throws IOException {
        return RawHttp.exchange(server.server().port(), head, body);
    }

    private static String head(String contentType, String lengthHeader) {
        return "POST " + EXECUTE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\n" + lengthHeader
                + "\r\nConnection: close\r\n\r\n";
    }

    private static byte[] multipartBody(String name, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"f.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static void assertRawTooLarge(RawHttp.Answer r, long limit) {
        assertThat(r.statusLine()).as(r.head()).startsWith("HTTP/1.1 413");
        assertThat(r.head().toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
        assertNoStackTrace(r.body());
        JsonNode problem = TestServer.parse(r.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("limit").asLong()).isEqualTo(limit);
        assertThat(problem.path("detail").asText()).contains("1 MB");
    }
}
