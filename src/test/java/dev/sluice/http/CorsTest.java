package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `server.cors` seen by a browser of another origin: preflights, the headers of real answers, and where that origin
 * may change something (the API) and where it may not (a form it posts, the admin routes).
 */
class CorsTest {

    private static final String APP = "https://app.example";
    private static final String TASKS = "tasks:\n  echo:\n    command: [sh, -c, 'echo \"$1\"', sh, '{message}']\n"
            + "    inputs: { message: { type: string } }\n";
    private static final String JSON_BODY = "{\"inputs\": {\"message\": \"hi\"}}";
    private static final String FORM_BODY = "--x\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhi\r\n--x--\r\n";

    @TempDir
    Path dir;

    private TestServer server;
    private HttpTestClient http;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_with_methods_headers_and_max_age() {
        start("{origins: [" + APP + "], credentials: true, max-age: 10m}");

        HttpTestClient.Response answer = preflight("/processes/echo/execution", APP, "POST", "content-type, prefer");

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(answer.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(answer.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, DELETE");
        assertThat(answer.header("Access-Control-Allow-Headers")).contains("Content-Type", "Authorization", "Prefer", "Last-Event-ID");
        assertThat(answer.header("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(String.join(",", answer.headers().allValues("Vary"))).contains("Origin", "Access-Control-Request-Method");
    }

    @Test
    void a_preflight_from_another_origin_is_refused_with_a_problem_and_no_cors_headers() {
        start("{origins: [" + APP + "], credentials: true}");

        for (String stranger : List.of("https://evil.example", "https://app.example.evil.example", "http://app.example",
                "https://app.example:8443", "null")) {
            HttpTestClient.Response answer = preflight("/processes/echo/execution", stranger, "POST", "content-type");

            assertThat(answer.status()).as(stranger).isEqualTo(403);
            assertThat(answer.json().path("type").asText()).endsWith("/cors-refused");
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(stranger).isEmpty();
            assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
    }

    @Test
    void an_allowed_origin_is_named_exactly_with_credentials_and_the_headers_it_may_read() {
        start("{origins: [" + APP + ", https://other.example], credentials: true}");

        HttpTestClient.Response submitted = http.send(fromApp(jsonPost(), "cors").build());

        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(submitted.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(submitted.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(submitted.header("Access-Control-Expose-Headers")).contains("Location", "Retry-After", "Preference-Applied",
                "Sluice-Token");
        assertThat(String.join(",", submitted.headers().allValues("Vary"))).contains("Origin");
        HttpTestClient.Response problem = http.get("/jobs/nope", Map.of("Origin", APP));
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.header("Access-Control-Allow-Origin")).as("a problem is readable too").isEqualTo(APP);
    }

    @Test
    void every_api_answer_varies_by_origin_and_a_stranger_is_never_named() {
        start("{origins: [" + APP + "], credentials: true}");

        HttpTestClient.Response withoutOrigin = http.get("/health");
        HttpTestClient.Response stranger = http.get("/health", Map.of("Origin", "https://evil.example"));

        assertThat(String.join(",", withoutOrigin.headers().allValues("Vary"))).contains("Origin");
        assertThat(withoutOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(String.join(",", stranger.headers().allValues("Vary"))).contains("Origin");
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void a_wildcard_without_credentials_answers_star_and_refuses_requests_carrying_cookies() {
        start("{origins: [\"*\"]}");

        HttpTestClient.Response read = http.get("/processes", Map.of("Origin", "https://anyone.example"));
        HttpTestClient.Response bare = http.send(fromApp(jsonPost(), "cors").build());
        HttpTestClient.Response withCookie = http.send(fromApp(jsonPost(), "cors").header("Cookie", "sluice_token=whatever").build());

        assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(read.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(bare.status()).as(bare.body()).isEqualTo(201);
        assertThat(withCookie.status()).as("a browser adds cookies by itself: without credentials: true, that is a forgery")
                .isEqualTo(403);
        assertThat(withCookie.json().path("type").asText()).endsWith("/cross-site-request");
    }

    /** The rule, as README states it: an allowed origin passes the cross-site guard only for CORS-mode requests to the API. */
    @Test
    void an_allowed_origin_may_call_the_api_but_not_post_a_form_nor_reach_the_admin_routes() {
        start("{origins: [" + APP + "], credentials: true}");

        HttpTestClient.Response api = http.send(fromApp(jsonPost(), "cors").build());
        HttpTestClient.Response form = http.send(fromApp(formPost(), "navigate").build());
        HttpTestClient.Response oldBrowserForm = http.send(formPost().header("Origin", APP).build());
        HttpTestClient.Response oldBrowserJson = http.send(jsonPost().header("Origin", APP).build());
        HttpTestClient.Response admin = http.send(fromApp(http.builder("/admin/backup").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), "cors").build());
        HttpTestClient.Response adminByCurl = http.send(http.builder("/admin/backup").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpTestClient.Response adminPreflight = preflight("/admin/status", APP, "GET", "authorization");
        HttpTestClient.Response adminRead = http.get("/admin/status", Map.of("Origin", APP));
        HttpTestClient.Response slashedRead = http.get("/admin/status/", Map.of("Origin", APP));
        HttpTestClient.Response metricsRead = http.get("/metrics/", Map.of("Origin", APP));
        HttpTestClient.Response slashedPreflight = preflight("/metrics//", APP, "GET", "authorization");

        assertThat(api.status()).as(api.body()).isEqualTo(201);
        assertThat(form.status()).as("a form's navigation is not governed by CORS").isEqualTo(403);
        assertThat(form.json().path("type").asText()).endsWith("/cross-site-request");
        assertThat(oldBrowserForm.status()).as("what a form can send, without Sec-Fetch-Mode").isEqualTo(403);
        assertThat(oldBrowserJson.status()).as("what a form cannot send").isEqualTo(201);
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.json().path("type").asText()).endsWith("/cross-site-request");
        assertThat(adminByCurl.status()).as("the refusal above was the guard's, not the route's").isNotEqualTo(403);
        assertThat(adminPreflight.status()).isEqualTo(403);
        assertThat(adminPreflight.json().path("type").asText()).endsWith("/cors-refused");
        assertThat(adminRead.status()).isEqualTo(200);
        assertThat(adminRead.headers().firstValue("Access-Control-Allow-Origin")).as("its answer stays unreadable to the app").isEmpty();
        assertThat(slashedRead.status()).as("the router ignores the trailing slash").isEqualTo(200);
        assertThat(slashedRead.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(metricsRead.status()).isEqualTo(200);
        assertThat(metricsRead.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(slashedPreflight.status()).isEqualTo(403);
    }

    @Test
    void a_stranger_s_fetch_is_refused_as_before() {
        start("{origins: [" + APP + "], credentials: true}");

        HttpTestClient.Response stranger = http.send(jsonPost().header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "cors").build());

        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void without_server_cors_nothing_is_added_and_the_app_is_refused() {
        server = TestServer.start(dir, TASKS);
        http = server.http();

        HttpTestClient.Response preflight = preflight("/processes/echo/execution", APP, "POST", "content-type");
        HttpTestClient.Response read = http.get("/health", Map.of("Origin", APP));
        HttpTestClient.Response submitted = http.send(fromApp(jsonPost(), "cors").build());

        assertThat(preflight.status()).isNotEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(read.headers().allValues("Vary")).noneMatch(v -> v.contains("Origin"));
        assertThat(submitted.status()).isEqualTo(403);
    }

    private void start(String cors) {
        server = TestServer.start(dir, TASKS, Map.of("SLUICE_SERVER_CORS", cors));
        http = server.http();
    }

    private HttpTestClient.Response preflight(String path, String origin, String method, String headers) {
        return http.send(http.builder(path).header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpRequest.Builder fromApp(HttpRequest.Builder request, String mode) {
        return request.header("Origin", APP).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", mode);
    }

    private HttpRequest.Builder jsonPost() {
        return http.builder("/processes/echo/execution").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON_BODY, StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder formPost() {
        return http.builder("/processes/echo/execution").header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString(FORM_BODY, StandardCharsets.UTF_8));
    }
}
