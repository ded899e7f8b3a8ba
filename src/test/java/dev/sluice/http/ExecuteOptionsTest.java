package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.ServerFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An execute request's `response`, `outputs` and `subscriber`: what the server offers is taken, anything else refused. */
class ExecuteOptionsTest extends ServerFixture {

    private static final String CONFIG = """
            tasks:
              count:
                command: [sh, -c, "printf 3 > \\"$1\\"", sh, "{out}/n.txt"]
                outputs:
                  n: { file: n.txt, type: number }
                  raw: { file: n.txt }
            """;

    @Test
    void what_the_server_offers_is_accepted() {
        start(CONFIG);
        for (String body : List.of("{}", "{\"response\": \"document\"}",
                "{\"outputs\": {\"n\": {\"transmissionMode\": \"value\"}, \"raw\": {\"transmissionMode\": \"reference\"}}}",
                "{\"outputs\": {\"n\": {}}, \"response\": null, \"subscriber\": null}")) {
            assertThat(server.http().postJson("/processes/count/execution", body).status()).as(body).isEqualTo(201);
        }
    }

    @Test
    void anything_else_is_refused_naming_the_member_and_what_is_offered() {
        start(CONFIG);
        assertRefused("{\"response\": \"raw\"}", "response", "results document");
        assertRefused("{\"response\": \"bogus\"}", "response", "'response' 'bogus' is not offered");
        assertRefused("{\"outputs\": {\"nope\": {}}}", "outputs", "its outputs are n, raw");
        assertRefused("{\"outputs\": {\"n\": {\"transmissionMode\": \"reference\"}}}", "outputs", "by value only");
        assertRefused("{\"outputs\": {\"raw\": {\"transmissionMode\": \"value\"}}}", "outputs", "by reference only");
        assertRefused("{\"outputs\": [\"n\"]}", "outputs", "must be an object");
        assertRefused("{\"subscriber\": {\"successUri\": \"http://127.0.0.1:9/done\"}}", "subscriber.successUri", "loopback");
        assertRefused("{\"subscriber\": \"http://example.com/\"}", "subscriber", "must be an object");
    }

    private void assertRefused(String body, String member, String saying) {
        Response refused = server.http().postJson("/processes/count/execution", body);
        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.json().path("member").asText()).as(body).isEqualTo(member);
        assertThat(refused.json().path("detail").asText()).as(body).contains(saying);
    }
}
