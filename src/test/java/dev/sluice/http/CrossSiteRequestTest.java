package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attacks of a page on another site (or another port of this host) against a visitor's browser: submitting in
 * the visitor's name, replacing the visitor's cookie, planting a token it knows, and cancelling through a GET.
 */
class CrossSiteRequestTest extends ServerFixture {

    private static final String JSON_BODY = "{\"inputs\": {\"message\": \"hi\"}}";

    @Test
    void a_form_another_site_submits_is_refused_and_sets_no_cookie() {
        start();
        HttpTestClient victim = new HttpTestClient(server.http().base());
        String id = submit(victim);

        HttpTestClient.Response forged = victim.send(victim.builder("/processes/echo/execution")
                .header("Content-Type", "multipart/form-data; boundary=x").header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhi\r\n--x--\r\n"))
                .build());

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().path("type").asText()).endsWith("/cross-site-request");
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
        assertThat(forged.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(victim.get("/jobs/" + id).status()).as("the victim keeps its job").isEqualTo(200);
        assertThat(victim.get("/jobs").json().path("jobs").findValuesAsText("jobID")).containsExactly(id);
    }

    @Test
    void a_page_on_another_port_of_this_host_is_another_site() {
        start();
        HttpTestClient client = new HttpTestClient(server.http().base());
        String otherPort = "http://127.0.0.1:" + (port() + 1);

        HttpTestClient.Response sameSite = client.send(jsonPost(client).header("Sec-Fetch-Site", "same-site").build());
        HttpTestClient.Response byOrigin = client.send(jsonPost(client).header("Origin", otherPort).build());
        HttpTestClient.Response nullOrigin = client.send(jsonPost(client).header("Origin", "null").build());

        assertThat(sameSite.status()).isEqualTo(403);
        assertThat(byOrigin.status()).isEqualTo(403);
        assertThat(nullOrigin.status()).isEqualTo(403);
    }

    @Test
    void requests_from_this_server_s_own_pages_and_from_non_browsers_are_accepted() {
        start();
        HttpTestClient client = new HttpTestClient(server.http().base());

        HttpTestClient.Response ownPage = client.send(jsonPost(client).header("Sec-Fetch-Site", "same-origin")
                .header("Origin", "http://127.0.0.1:" + port()).build());
        HttpTestClient.Response byOrigin = client.send(jsonPost(client).header("Origin", "http://127.0.0.1:" + port()).build());
        HttpTestClient.Response curl = client.send(jsonPost(client).build());

        assertThat(ownPage.status()).as(ownPage.body()).isEqualTo(201);
        assertThat(byOrigin.status()).as(byOrigin.body()).isEqualTo(201);
        assertThat(curl.status()).as(curl.body()).isEqualTo(201);
    }

    @Test
    void a_cancel_from_another_site_is_refused_and_the_job_runs_on() {
        start();
        HttpTestClient victim = new HttpTestClient(server.http().base());
        String id = victim.postJson("/processes/slow/execution", "{}").json().path("jobID").asText();
        awaitRunning(victim, id);

        HttpTestClient.Response forged = victim.send(victim.builder("/jobs/" + id).header("Sec-Fetch-Site", "cross-site").DELETE().build());

        assertThat(forged.status()).isEqualTo(403);
        assertThat(victim.get("/jobs/" + id).json().path("status").asText()).isEqualTo("running");
    }

    @Test
    void a_get_asking_to_be_treated_as_delete_stays_a_get() {
        start();
        HttpTestClient client = new HttpTestClient(server.http().base());
        String id = client.postJson("/processes/slow/execution", "{}").json().path("jobID").asText();
        awaitRunning(client, id);

        HttpTestClient.Response overridden = client.get("/jobs/" + id, Map.of("X-HTTP-Method-Override", "DELETE"));

        assertThat(overridden.status()).isEqualTo(200);
        assertThat(overridden.json().path("status").asText()).isEqualTo("running");
        assertThat(client.get("/jobs/" + id).json().path("status").asText()).isEqualTo("running");
        assertThat(client.delete("/jobs/" + id).status()).as("a real DELETE still cancels").isEqualTo(200);
    }

    @Test
    void a_made_up_cookie_owns_nothing_and_is_replaced_by_one_the_server_issued() throws Exception {
        start();
        // why: a client without a cookie store, so the only cookie sent is the one each request names
        HttpClient browser = HttpClient.newHttpClient();
        HttpTestClient paths = new HttpTestClient(server.http().base());

        HttpResponse<String> submitted = browser.send(jsonPost(paths).header("Cookie", Callers.COOKIE + "=planted-by-attacker").build(),
                HttpResponse.BodyHandlers.ofString());
        String id = TestServer.parse(submitted.body()).path("jobID").asText();
        String setCookie = submitted.headers().firstValue("Set-Cookie").orElse("");

        assertThat(submitted.statusCode()).isEqualTo(201);
        assertThat(setCookie).startsWith(Callers.COOKIE + "=").doesNotContain("planted-by-attacker");
        assertThat(browser.send(paths.builder("/jobs/" + id).header("Cookie", Callers.COOKIE + "=planted-by-attacker").GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the planted token does not own the job").isEqualTo(404);
        String issued = setCookie.substring(Callers.COOKIE.length() + 1).split(";")[0];
        assertThat(browser.send(paths.builder("/jobs/" + id).header("Cookie", Callers.COOKIE + "=" + issued).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private static void awaitRunning(HttpTestClient client, String id) {
        org.awaitility.Awaitility.await().atMost(TestServer.PATIENCE)
                .until(() -> client.get("/jobs/" + id).json().path("status").asText().equals("running"));
    }

    private void start() {
        Path slow = Scripts.write(dir, "slow.sh", "sleep 300");
        server = TestServer.start(dir, "tasks:\n  echo:\n    command: [sh, -c, 'echo \"$1\"', sh, '{message}']\n"
                + "    inputs: { message: { type: string } }\n"
                + "  slow:\n    command: " + Scripts.command(slow) + "\n    limits: { kill-grace: 200ms }\n",
                Map.of("SLUICE_SERVER_AUTH_SUBMIT", "token"));
    }

    private String submit(HttpTestClient client) {
        HttpTestClient.Response r = client.postJson("/processes/echo/execution", JSON_BODY);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobID").asText();
    }

    private static HttpRequest.Builder jsonPost(HttpTestClient client) {
        return client.builder("/processes/echo/execution").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON_BODY, StandardCharsets.UTF_8));
    }

    private int port() {
        return java.net.URI.create(server.http().base()).getPort();
    }
}
