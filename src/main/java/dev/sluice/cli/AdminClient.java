package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** One request to an admin route of a running server, with the admin's credentials, and what its answer says. */
final class AdminClient {

    static final String NEEDS_CREDENTIALS =
            "the server needs the admin's credentials: --user NAME, with the password in $SLUICE_ADMIN_PASSWORD or typed";

    /** The status and the JSON body of an answer (an empty object when there was no body). */
    record Answer(int status, String text, JsonNode body) {

        /** Why the server refused, in a sentence. */
        String refusal() {
            return status == 401 ? NEEDS_CREDENTIALS : body.path("detail").asText("the server answered HTTP " + status);
        }
    }

    private AdminClient() {
    }

    /**
     * A command's whole exchange: sends the request, and on 200 hands the answer to {@code answered} for the exit code;
     * otherwise prints why as `sluice COMMAND: …` (refused, or the server unreachable) and exits 1.
     */
    static int run(String command, ServerUrlOption server, AdminCredentials admin, String path, Optional<String> json,
                   java.util.function.ToIntFunction<Answer> answered) {
        try {
            Answer answer = send(server, admin, path, json);
            if (answer.status() != 200) {
                System.err.println("sluice " + command + ": " + answer.refusal());
                return 1;
            }
            return answered.applyAsInt(answer);
        } catch (IOException unreachable) {
            System.err.println("sluice " + command + ": cannot reach " + server.url + ": " + unreachable.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** GET {@code path}, or POST {@code json} to it when one is given. */
    static Answer send(ServerUrlOption server, AdminCredentials admin, String path, Optional<String> json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.base().resolve(path)).timeout(Duration.ofSeconds(30));
        json.ifPresentOrElse(body -> request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), request::GET);
        admin.header().ifPresent(h -> request.header("Authorization", h));
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode body;
        try {
            body = ApiClient.json().readTree(text.isEmpty() ? "{}" : text);
        } catch (IOException notJson) {
            body = ApiClient.json().createObjectNode();
        }
        return new Answer(response.statusCode(), text, body);
    }
}
