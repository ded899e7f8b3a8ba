package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the execution request as multipart/form-data, one part per input, or JSON when there are none. Values go
 * as form fields, not JSON: the CLI does not know an input's type, and a JSON request must send a number as a number.
 */
final class SubmitRequest {

    private final ApiClient client;
    private final String task;

    SubmitRequest(ApiClient client, String task) {
        this.client = client;
        this.task = task;
    }

    HttpRequest build(Map<String, String> values, Map<String, Path> files) throws IOException {
        // why: the CLI follows the job itself (--wait, the printed links); a task that answers synchronously would
        // otherwise hold the request until the job ends
        HttpRequest.Builder request = HttpRequest.newBuilder(client.resolve("processes/" + task + "/execution"))
                .header("Prefer", "respond-async");
        if (files.isEmpty() && values.isEmpty()) {
            ObjectNode body = ApiClient.json().createObjectNode();
            body.putObject("inputs");
            return request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        }
        String boundary = "sluice-" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        for (Map.Entry<String, String> value : values.entrySet()) {
            parts.add(header(boundary, "form-data; name=\"" + escape(value.getKey()) + "\"", null));
            parts.add((value.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, Path> file : files.entrySet()) {
            parts.add(header(boundary, "form-data; name=\"" + escape(file.getKey()) + "\"; filename=\""
                    + escape(file.getValue().getFileName().toString()) + "\"", "application/octet-stream"));
            parts.add(java.nio.file.Files.readAllBytes(file.getValue()));
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)).build();
    }

    private static byte[] header(String boundary, String disposition, String type) {
        String head = "--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n";
        return head.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
    }
}
