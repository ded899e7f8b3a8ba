package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.config.PasswordHash;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may see which job, on every job route, in both modes. In token mode another submitter gets exactly the
 * answer a missing job gets (no leak of existence); in public mode the job id is the capability, while the job
 * list still shows a caller only its own jobs unless the config opens it.
 */
class JobPrivacyTest {

    private static final String ADMIN_PASSWORD = "correct horse battery staple";
    private static final List<String> JOB_ROUTES = List.of("", "/results", "/results/echo", "/log", "/events");

    @TempDir
    Path dir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void in_token_mode_only_the_submitter_and_the_admin_see_a_job_and_others_get_what_a_missing_job_gets() {
        start("token", false);
        HttpTestClient alice = new HttpTestClient(server.http().base());
        HttpTestClient bob = new HttpTestClient(server.http().base());
        String id = submitAndFinish(alice);
        String missing = "0123456789abcdef0123456789abcdef";
        assertThat(admin(bob, "/jobs/" + id).status()).as("admin credentials not yet checked on an admin route").isEqualTo(404);
        assertThat(admin(bob, "/admin/status").status()).isEqualTo(200);

        for (String route : JOB_ROUTES) {
            assertThat(alice.get("/jobs/" + id + route).status()).as("owner on %s", route).isEqualTo(200);
            HttpTestClient.Response forbidden = bob.get("/jobs/" + id + route);
            HttpTestClient.Response absent = bob.get("/jobs/" + missing + route);
            assertThat(forbidden.status()).as("stranger on %s", route).isEqualTo(404);
            assertThat(forbidden.body().replace(id, "ID")).as("same answer as a missing job on %s", route)
                    .isEqualTo(absent.body().replace(missing, "ID"));
            assertThat(admin(bob, "/jobs/" + id + route).status()).as("admin on %s", route).isEqualTo(200);
        }
        assertThat(bob.get("/jobs/" + id + "?f=html").status()).as("the job page").isEqualTo(404);
        assertThat(bob.delete("/jobs/" + id).status()).isEqualTo(404);
        assertThat(ids(bob.get("/jobs"))).isEmpty();
        assertThat(ids(alice.get("/jobs"))).containsExactly(id);
        assertThat(ids(admin(bob, "/jobs"))).containsExactly(id);
    }

    @Test
    void an_api_client_gets_a_token_with_its_first_job_and_uses_it_as_a_bearer_token() {
        start("token", false);
        HttpTestClient.Response first = server.http().send(plain("/processes/echo/execution")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"hi\"}}")).build());
        String token = first.header("Sluice-Token");
        String id = first.json().path("jobID").asText();
        assertThat(token).isNotBlank();
        assertThat(first.header("Set-Cookie")).contains("HttpOnly");

        assertThat(server.http().send(plain("/jobs/" + id).header("Authorization", "Bearer " + token).GET().build()).status())
                .isEqualTo(200);
        HttpTestClient.Response madeUp = server.http().send(plain("/jobs/" + id).header("Authorization", "Bearer someone-else").GET().build());
        assertThat(madeUp.status()).isEqualTo(401);
        assertThat(madeUp.json().path("type").asText()).endsWith("/unknown-token");
        String forged = token.substring(0, token.indexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAA";
        assertThat(server.http().send(plain("/jobs/" + id).header("Authorization", "Bearer " + forged).GET().build()).status())
                .as("a token with a signature this server did not make").isEqualTo(401);
        assertThat(new HttpTestClient(server.http().base()).get("/jobs/" + id).status()).as("no token at all").isEqualTo(404);
    }

    @Test
    void in_public_mode_the_id_is_the_capability_but_the_list_shows_only_ones_own_jobs() {
        start("public", false);
        HttpTestClient alice = new HttpTestClient(server.http().base());
        HttpTestClient bob = new HttpTestClient(server.http().base());
        String id = submitAndFinish(alice);

        for (String route : JOB_ROUTES) {
            assertThat(bob.get("/jobs/" + id + route).status()).as("holder of the id on %s", route).isEqualTo(200);
        }
        assertThat(ids(bob.get("/jobs"))).isEmpty();
        assertThat(ids(alice.get("/jobs"))).containsExactly(id);
    }

    @Test
    void in_public_mode_an_open_list_shows_every_job_as_ogc_clients_expect() {
        start("public", true);
        HttpTestClient alice = new HttpTestClient(server.http().base());
        HttpTestClient bob = new HttpTestClient(server.http().base());
        String id = submitAndFinish(alice);

        assertThat(ids(bob.get("/jobs"))).containsExactly(id);
    }

    @Test
    void the_admin_pages_need_the_admin_password_when_one_is_configured() {
        start("token", false);

        HttpTestClient.Response anonymous = server.http().get("/admin/status");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(server.http().send(plain("/admin/status").header("Authorization", basic("admin", "wrong")).GET().build()).status())
                .isEqualTo(401);
        assertThat(admin(server.http(), "/admin/status").status()).isEqualTo(200);
        HttpTestClient.Response page = admin(server.http(), "/admin");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("need the admin's password").doesNotContain("No admin password is set");
    }

    private void start(String mode, boolean listAll) {
        String hash = PasswordHash.of(ADMIN_PASSWORD.toCharArray()).toString();
        server = TestServer.start(dir, "tasks:\n  echo:\n    command: [sh, -c, 'printf %s \"$1\" > \"$2/echo.txt\"; echo logged', sh,"
                + " '{message}', '{out}']\n    inputs: { message: { type: string } }\n"
                + "    outputs: { echo: { file: echo.txt, type: string } }\n",
                Map.of("SLUICE_SERVER_AUTH_SUBMIT", mode,
                        "SLUICE_SERVER_AUTH_LIST_ALL", String.valueOf(listAll),
                        "SLUICE_SERVER_AUTH_ADMIN_USER", "admin",
                        "SLUICE_SERVER_AUTH_ADMIN_PASSWORD_HASH", hash));
    }

    private String submitAndFinish(HttpTestClient client) {
        HttpTestClient.Response r = client.postJson("/processes/echo/execution", "{\"inputs\": {\"message\": \"private\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("jobID").asText();
        org.awaitility.Awaitility.await().atMost(TestServer.PATIENCE)
                .until(() -> client.get("/jobs/" + id).json().path("status").asText().equals("successful"));
        return id;
    }

    private HttpTestClient.Response admin(HttpTestClient client, String path) {
        return client.send(plain(path).header("Authorization", basic("admin", ADMIN_PASSWORD)).GET().build());
    }

    private HttpRequest.Builder plain(String path) {
        return HttpRequest.newBuilder(URI.create(server.http().base() + path)).timeout(java.time.Duration.ofSeconds(30));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(HttpTestClient.Response list) {
        assertThat(list.status()).isEqualTo(200);
        JsonNode jobs = list.json().path("jobs");
        return jobs.findValuesAsText("jobID");
    }
}
