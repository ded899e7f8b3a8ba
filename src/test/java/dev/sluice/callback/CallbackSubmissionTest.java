package dev.sluice.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * /req/callback/job-callback at submission: subscriber URLs that could turn a job against the server's own network,
 * or that are no plain http(s) URL, are refused with 400 naming the member; with callbacks off, `subscriber` is refused.
 */
class CallbackSubmissionTest extends ServerFixture {

    private static final String TASKS = """
            tasks:
              echo:
                command: [echo, hi]
            """;

    @Test
    void loopback_private_link_local_and_other_inner_addresses_are_refused_by_default() {
        start(TASKS);
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("http://127.0.0.1:9/done", "loopback"),
                Map.entry("http://127.3.4.5/done", "loopback"),
                Map.entry("http://10.0.0.1/done", "private"),
                Map.entry("http://172.16.5.4/done", "private"),
                Map.entry("http://192.168.1.1/done", "private"),
                Map.entry("http://169.254.169.254/latest/meta-data/", "link-local"),
                Map.entry("http://100.64.0.1/", "carrier-grade NAT"),
                Map.entry("http://0.0.0.0:8080/", "unspecified"),
                Map.entry("http://224.0.0.1/", "multicast"),
                Map.entry("http://255.255.255.255/", "broadcast"),
                Map.entry("http://[::1]:9/done", "loopback"),
                Map.entry("http://[::]/", "unspecified"),
                Map.entry("http://[fe80::1]/", "link-local"),
                Map.entry("http://[fd12:3456::1]/", "private"),
                Map.entry("http://[::ffff:127.0.0.1]/done", "loopback"),
                Map.entry("http://[::ffff:169.254.169.254]/", "link-local"),
                Map.entry("http://[::ffff:0:a00:1]/", "private"),
                Map.entry("http://[2002:7f00:1::]/", "loopback"),
                Map.entry("http://[64:ff9b::a9fe:a9fe]/", "NAT64"),
                Map.entry("http://localhost:9/done", "loopback"));
        refusals.forEach((url, why) -> assertRefused("{\"successUri\": \"" + url + "\"}", "subscriber.successUri", why));
    }

    @Test
    void odd_spellings_of_loopback_are_refused_too() {
        start(TASKS);
        assertRefused("{\"successUri\": \"http://0177.0.0.1/\"}", "subscriber.successUri", "leading zero");
        for (String url : new String[] {"http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://0177.0.0.1/",
                "http://LOCALHOST./", "http://[0:0:0:0:0:0:0:1]/", "http://[::127.0.0.1]/", "HTTP://127.0.0.1/"}) {
            assertRefused("{\"successUri\": \"" + url + "\"}", "subscriber.successUri", "");
        }
    }

    @Test
    void urls_that_are_not_absolute_http_or_carry_a_user_are_refused_naming_the_member() {
        start(TASKS);
        assertRefused("{\"failedUri\": \"ftp://example.com/x\"}", "subscriber.failedUri", "absolute http or https");
        assertRefused("{\"failedUri\": \"file:///etc/passwd\"}", "subscriber.failedUri", "absolute http or https");
        assertRefused("{\"inProgressUri\": \"/relative/path\"}", "subscriber.inProgressUri", "absolute http or https");
        assertRefused("{\"successUri\": \"http://user:secret@example.com/x\"}", "subscriber.successUri", "user name or password");
        assertRefused("{\"successUri\": \"http://a b/\"}", "subscriber.successUri", "not a valid URL");
        assertRefused("{\"successUri\": \"http://example.com/" + "a".repeat(2000) + "\"}", "subscriber.successUri", "longer than 2000");
        assertRefused("{\"successUri\": 42}", "subscriber.successUri", "as a string");
        assertRefused("{\"successUri\": \"http://example.com/#frag\"}", "subscriber.successUri", "fragment");
        assertRefused("{\"callMeUri\": \"http://example.com/\"}", "subscriber.callMeUri", "not a member");
        assertRefused("[\"http://example.com/\"]", "subscriber", "must be an object");
        assertRefused("{}", "subscriber", "names no URL");
    }

    @Test
    void an_allowed_block_lets_its_addresses_through_and_no_others() {
        server = TestServer.start(dir, TASKS, Map.of("SLUICE_SERVER_CALLBACKS", "{allow: [127.0.0.1/32]}"));
        HttpTestClient.Response ok = execute("{\"successUri\": \"http://127.0.0.1:9/done\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertRefused("{\"successUri\": \"http://127.0.0.2:9/done\"}", "subscriber.successUri", "loopback");
    }

    @Test
    void req_callback_job_callback_the_conformance_declaration_lists_callback_while_callbacks_are_on() {
        start(TASKS);
        assertThat(server.http().get("/conformance").body())
                .contains("http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/callback");
    }

    @Test
    void with_callbacks_off_a_subscriber_is_refused_and_conformance_does_not_claim_them() {
        server = TestServer.start(dir, TASKS, Map.of("SLUICE_SERVER_CALLBACKS", "{enabled: false}"));
        HttpTestClient.Response refused = execute("{\"successUri\": \"https://example.com/done\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("member").asText()).isEqualTo("subscriber");
        assertThat(refused.json().path("type").asText()).endsWith("/execute-option-not-offered");
        assertThat(server.http().get("/conformance").body()).doesNotContain("conf/callback");
    }

    private void assertRefused(String subscriber, String member, String saying) {
        HttpTestClient.Response refused = execute(subscriber);
        assertThat(refused.status()).as(subscriber).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("member").asText()).as(subscriber).isEqualTo(member);
        assertThat(refused.json().path("detail").asText()).as(subscriber).contains(member).contains(saying);
    }

    private HttpTestClient.Response execute(String subscriber) {
        return server.http().postJson("/processes/echo/execution", "{\"subscriber\": " + subscriber + "}");
    }
}
