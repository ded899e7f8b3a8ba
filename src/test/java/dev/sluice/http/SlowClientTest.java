package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that sends its request a byte at a time is cut off after `request-timeout`, in the head or in the
 * body, and never holds a job worker. The idle timeout is set to an hour here, so only the request timeout can
 * be what ends these connections; the bound on each wait is generous and only proves nothing hangs.
 */
class SlowClientTest extends ServerFixture {

    private static final Duration PAUSE = Duration.ofMillis(200);
    private static final Duration BOUND = Duration.ofSeconds(60);

    private void startWith(String requestTimeout) {
        Path echo = Scripts.write(dir.resolve("scripts"), "echo.sh", "printf '%s' \"$1\" > \"$2/echo.txt\"");
        server = TestServer.start(dir, """
                tasks:
                  echo:
                    command: %s
                    inputs:
                      text: { type: string, max-length: 20 }
                      data: { type: file, required: false }
                    outputs:
                      echo: { file: echo.txt, type: string }
                """.formatted(Scripts.command(echo, "{text}", "{out}")),
                Map.of("SLUICE_SERVER_REQUEST_TIMEOUT", requestTimeout, "SLUICE_SERVER_IDLE_TIMEOUT", "1h",
                        "SLUICE_SERVER_MIN_UPLOAD_RATE", "1KB"));
    }

    @Test
    void a_request_head_sent_one_byte_at_a_time_is_cut_off_after_the_request_timeout() throws IOException {
        startWith("1s");
        byte[] head = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(4000) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        try (Trickle client = Trickle.start(port(), "", head, PAUSE)) {
            String answer = client.readUntilClosed(BOUND);

            assertThat(answer).doesNotContain("200 OK");
            HostileInputs.tried("slow-client");
        }
        assertServerStillServes();
    }

    @Test
    void a_json_body_sent_one_byte_at_a_time_is_refused_with_408() throws IOException {
        startWith("1s");
        byte[] body = ("{\"inputs\": {\"text\": \"" + "a".repeat(5000) + "\"}}").getBytes(StandardCharsets.US_ASCII);

        try (Trickle client = Trickle.start(port(), head("application/json", body.length), body, PAUSE)) {
            String answer = client.readUntilClosed(BOUND);

            assertTimedOut(answer);
        }
        assertServerStillServes();
    }

    @Test
    void a_multipart_upload_sent_one_byte_at_a_time_is_refused_with_408() throws IOException {
        startWith("1s");
        byte[] body = multipart(new byte[5000]);

        try (Trickle client = Trickle.start(port(), head("multipart/form-data; boundary=b0undary", body.length), body, PAUSE)) {
            String answer = client.readUntilClosed(BOUND);

            assertTimedOut(answer);
        }
        assertServerStillServes();
    }

    @Test
    void a_slow_upload_holds_no_job_worker_while_it_arrives() throws IOException {
        startWith("1h");
        byte[] body = multipart(new byte[5000]);

        try (Trickle client = Trickle.start(port(), head("multipart/form-data; boundary=b0undary", body.length), body, PAUSE)) {
            // why: the queue runs one job at a time; the upload still arriving must not be the one it waits for
            String id = server.submit("echo", "{\"text\": \"meanwhile\"}");
            JsonNode end = server.awaitEnd(id);

            assertThat(end.path("status").asText()).isEqualTo("successful");
            assertThat(client.stillSending()).as("the slow upload is still arriving").isTrue();
            HostileInputs.tried("slow-client");
        }
    }

    // --- helpers

    private int port() {
        return server.server().port();
    }

    private static String head(String contentType, int length) {
        return "POST /processes/echo/execution HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static byte[] multipart(byte[] content) {
        String start = "--b0undary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"data\"; filename=\"d.bin\"\r\n\r\n";
        byte[] head = start.getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + content.length + tail.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        return all;
    }

    private static void assertTimedOut(String answer) {
        HostileInputs.tried("slow-client");
        assertThat(answer).as(answer).startsWith("HTTP/1.1 408");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
        ProblemServer.assertNoStackTrace(answer);
        assertThat(answer).contains("too slowly");
    }

    private void assertServerStillServes() {
        assertThatCode(() -> assertThat(server.http().get("/health").status()).isEqualTo(200)).doesNotThrowAnyException();
    }
}
