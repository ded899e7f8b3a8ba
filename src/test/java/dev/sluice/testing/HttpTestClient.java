package dev.sluice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real HTTP calls to a test server, with answers that are easy to assert on. */
public final class HttpTestClient {

    /** One answer: status, headers and body. */
    public record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return TestServer.parse(body());
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** One part of a multipart body: a text field when {@code fileName} is null, else a file. */
    public record Part(String name, String fileName, byte[] content) {
        public static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String name, String fileName, byte[] content) {
            return new Part(name, fileName, content);
        }
    }

    private final String base;
    // why: like a browser, a client keeps the submitter cookie the server gives it, and so sees its own jobs
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new java.net.CookieManager()).build();

    public HttpTestClient(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send(builder(path).GET().build());
    }

    public Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = builder(path).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    public Response delete(String path) {
        return send(builder(path).DELETE().build());
    }

    public Response postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON POST with `Prefer: respond-async`, answered at once even by a task that could answer synchronously. */
    public Response postJsonAsync(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json").header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response post(String path, String contentType, byte[] body) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Response multipart(String path, List<Part> parts) {
        String boundary = "test-boundary-7d1f";
        List<byte[]> chunks = new ArrayList<>();
        for (Part p : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
                    + (p.fileName() == null ? "" : "; filename=\"" + p.fileName() + "\"\r\nContent-Type: application/octet-stream")
                    + "\r\n\r\n";
            chunks.add(head.getBytes(StandardCharsets.UTF_8));
            chunks.add(p.content());
            chunks.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        chunks.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks)).build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError("request " + request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public HttpRequest.Builder builder(String path) {
        // why: the server's links are absolute; a test follows them as a client would
        boolean absolute = path.startsWith("http://") || path.startsWith("https://");
        return HttpRequest.newBuilder(URI.create(absolute ? path : base + path)).timeout(Duration.ofSeconds(60));
    }
}
