package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A request body the server cannot take (bad JSON, bad multipart, a misplaced file, too many bytes) is a client problem. */
class BadRequestBodyTest extends ProblemServer {

    private static final long MAX_UPLOAD = 1L << 20;
    private static final int TWO_MEGABYTES = 2 << 20;
    private static final String BOUNDARY = "b0undary";

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
    void a_file_input_sent_in_json_that_is_not_base64_is_refused() {
        JsonNode problem = assertProblem(submit("{\"text\": \"hi\", \"data\": \"hello, not base64\"}"), 400);

        assertInput(problem, "data", "base64");
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
        assertThat(problem.path("detail").asText()).contains("its limit is 2 KB (the input's max-size in the task's config)");
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

    // --- after all of the above

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
        assertThat(problem.path("detail").asText()).contains("1 MB", "server.max-upload");
    }
}
