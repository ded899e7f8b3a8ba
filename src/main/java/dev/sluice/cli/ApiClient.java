package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/** The client side of the HTTP API, for the commands that talk to a running server. */
final class ApiClient {

    /** A response the command shows to its user: status and parsed JSON body. */
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** The problem document's detail (control characters as spaces), or the status when the body is not one. */
        String problem() {
            return body.hasNonNull("detail") ? TextTable.printable(body.get("detail").asText()) : "HTTP " + status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI server;
    private final TokenFile tokens;
    private Optional<String> token;
    private final boolean tokenRemembered;
    private final ServerLinks links;

    /** {@code token} overrides the one remembered in {@code tokens} for this server. */
    ApiClient(URI server, Optional<String> token, TokenFile tokens) {
        this.server = server;
        this.tokens = tokens;
        this.tokenRemembered = token.isEmpty();
        this.token = token.or(() -> tokens.tokenFor(server.toString()));
        this.links = new ServerLinks(server);
    }

    /** Where the token this client sends came from, for telling a user whose jobs it sees. */
    enum TokenSource { GIVEN, REMEMBERED, NONE }

    /** The source of the token sent last (NONE after a remembered one the server no longer knew was dropped). */
    TokenSource tokenSource() {
        return token.isEmpty() ? TokenSource.NONE : tokenRemembered ? TokenSource.REMEMBERED : TokenSource.GIVEN;
    }

    /** The file the tokens are remembered in, to name it to the user. */
    java.nio.file.Path tokenFile() {
        return tokens.file();
    }

    /** The server's URL as the user gave it (ending in a slash). */
    URI server() {
        return server;
    }

    ServerLinks links() {
        return links;
    }

    /** GET with {@code authorization} (the admin's Basic credentials), or none, in place of the submitter token. */
    Reply getAs(String path, Optional<String> authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return sendOnce(request.build(), false);
    }

    Reply get(String path) throws IOException {
        return send(HttpRequest.newBuilder(server.resolve(path)).GET().build());
    }

    Reply delete(String path) throws IOException {
        return send(HttpRequest.newBuilder(server.resolve(path)).DELETE().build());
    }

    /** Sends with the submitter token and hands back the body as lines while they arrive (an event stream). */
    HttpResponse<Stream<String>> openLines(HttpRequest request) throws IOException {
        try {
            return http.send(withToken(request), HttpResponse.BodyHandlers.ofLines());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Sends with the submitter token, if there is one; a token the server issues is remembered for next time. A
     * remembered token the server does not know (its data was replaced) is dropped and the request sent without it.
     */
    Reply send(HttpRequest request) throws IOException {
        Reply reply = sendOnce(request, true);
        if (reply.status() == 401 && tokenRemembered && token.isPresent()
                && reply.body().path("type").asText().endsWith("/unknown-token")) {
            token = Optional.empty();
            return sendOnce(request, true);
        }
        return reply;
    }

    private Reply sendOnce(HttpRequest request, boolean asSubmitter) throws IOException {
        try {
            HttpResponse<String> response = http.send(asSubmitter ? withToken(request) : request, HttpResponse.BodyHandlers.ofString());
            Optional<String> issued = response.headers().firstValue("Sluice-Token");
            if (asSubmitter && issued.isPresent() && token.isEmpty()) {
                token = issued;
                tokens.remember(server.toString(), issued.get());
            }
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

    private HttpRequest withToken(HttpRequest request) {
        return token.map(t -> HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + t).build()).orElse(request);
    }

    URI resolve(String path) {
        return server.resolve(path);
    }

    static ObjectMapper json() {
        return JSON;
    }
}
