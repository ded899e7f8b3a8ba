package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;

/**
 * The one verdict every hostile input must get: a 4xx problem document (or, for a request that is not even
 * HTTP, a closed connection), never a 500, a stack trace or a hang. Each check counts one bad input tried.
 */
final class Hostile {

    private Hostile() {
    }

    /** A 4xx problem document without a stack trace. */
    static void assertRefused(SoftAssertions softly, String name, Response r) {
        HostileInputs.tried("http");
        softly.assertThat(r.status()).as("%s: status of %s", name, r.body()).isBetween(400, 499);
        softly.assertThat(r.header("Content-Type")).as("%s: content type", name).startsWith("application/problem+json");
        assertProblemBody(softly, name, r.status(), r.body());
    }

    /** Sent over a raw socket: a 4xx problem document, or a connection the server closed without answering. */
    static void assertRefusedOrClosed(SoftAssertions softly, String name, int port, byte[] request) throws IOException {
        HostileInputs.tried("http-raw");
        Optional<RawHttp.Answer> answer = RawHttp.exchangeOrClosed(port, request);
        if (answer.isEmpty()) {
            return;
        }
        RawHttp.Answer a = answer.get();
        int status = Integer.parseInt(a.statusLine().split(" ")[1]);
        // why: 505 is the deliberate answer to a request in an HTTP version the server does not speak, not a failure
        softly.assertThat(status == 505 || (status >= 400 && status <= 499)).as("%s: status of %s", name, a.head()).isTrue();
        softly.assertThat(a.head().toLowerCase(Locale.ROOT)).as("%s: head", name).contains("content-type: application/problem+json");
        assertProblemBody(softly, name, status, a.body());
    }

    static void assertProblemBody(SoftAssertions softly, String name, int status, String body) {
        softly.assertThat(body).as("%s: body", name).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("at dev.sluice").doesNotContain("at org.eclipse").doesNotContain("at io.javalin");
        try {
            JsonNode problem = TestServer.parse(body);
            softly.assertThat(problem.path("status").asInt()).as("%s: problem status", name).isEqualTo(status);
            softly.assertThat(problem.path("detail").asText()).as("%s: detail", name).isNotBlank();
        } catch (AssertionError notJson) {
            softly.fail(name + ": the body is not a problem document: " + body);
        }
    }

    static void assertStillServes(TestServer server) {
        Response health = server.http().get("/health");
        assertThat(health.status()).as("the server still serves after the bad inputs").isEqualTo(200);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
