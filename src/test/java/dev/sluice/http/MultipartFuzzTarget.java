package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz target for the multipart path, over real HTTP to a running server: a form of the fuzzer's making (parts,
 * names, file names, headers and bytes, or wholly raw bytes) gets a 201 or a 4xx problem document, never a 5xx.
 */
final class MultipartFuzzTarget {

    static final String TASKS = """
            tasks:
              form:
                command: [true]
                inputs:
                  text: { type: string, max-length: 50, required: false }
                  n: { type: integer, min: 0, max: 100, required: false }
                  flag: { type: boolean, required: false }
                  table: { type: file, accept: [text/csv, application/json], max-size: 4KB, required: false }
                  any: { type: file, required: false }
                  picture: { type: image, max-pixels: 10000, required: false }
            queues:
              default: { concurrency: 4, max-waiting: 1000000 }
            """;
    private static final List<String> NAMES = List.of("text", "n", "flag", "table", "any", "picture", "unknown", "");
    private static final String PATH = "/processes/form/execution";

    private final TestServer server;

    MultipartFuzzTarget(TestServer server) {
        this.server = server;
    }

    void fuzz(FuzzedDataProvider data) {
        HostileInputs.tried("multipart-fuzz");
        String boundary = data.consumeBoolean() ? "fuzz-b0undary" : data.consumeAsciiString(80);
        String contentType = data.consumeBoolean() ? "multipart/form-data; boundary=" + boundary : "multipart/form-data; " + data.consumeAsciiString(60);
        byte[] body = data.consumeBoolean() ? form(data, boundary) : data.consumeRemainingAsBytes();
        Response r;
        try {
            r = server.http().post(PATH, contentType, body);
        } catch (IllegalArgumentException headerTheClientRefuses) {
            return;
        }
        assertThat(r.status()).as(r.body()).isNotEqualTo(500).isLessThan(500);
        if (r.status() >= 400) {
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        } else {
            assertThat(r.status()).isEqualTo(201);
        }
    }

    private static byte[] form(FuzzedDataProvider data, String boundary) {
        StringBuilder text = new StringBuilder();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int parts = data.consumeInt(0, 6);
        for (int i = 0; i < parts; i++) {
            String name = data.consumeBoolean() ? NAMES.get(data.consumeInt(0, NAMES.size() - 1)) : data.consumeString(20);
            text.setLength(0);
            text.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name).append('"');
            if (data.consumeBoolean()) {
                text.append("; filename=\"").append(data.consumeString(40)).append('"');
            }
            if (data.consumeBoolean()) {
                text.append("\r\n").append(data.consumeString(60));
            }
            text.append("\r\n\r\n");
            out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(data.consumeBytes(data.consumeInt(0, 6000)));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (data.consumeBoolean()) {
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
