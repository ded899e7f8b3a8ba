package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The client side of the HTTP API, for the commands that talk to a running server. */
final class ApiClient {

    /** A response the command shows to its user: status and parsed JSON body. */
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** The problem document's detail, or the status when the body is not one. */
        String problem() {
            return body.hasNonNull("detail") ? body.get("detail").asText() : "HTTP " + status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI server;

    ApiClient(URI server) {
        this.server = server;
    }

    Reply get(String path) throws IOException {
        return send(HttpRequest.newBuilder(server.resolve(path)).GET().build());
    }

    Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = JSON.createObjectNode();
            }
            return new Reply(response.statusCode(), body, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    URI resolve(String path) {
        return server.resolve(path);
    }

    static ObjectMapper json() {
        return JSON;
    }
}
