package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A prefixed mount is answered by the core handler ahead of Javalin, under `server.base-path` and without it (a proxy
 * that strips it), with the same rules as the mount at `/`: validators, ranges, codings, no escape, problem documents.
 */
class StaticCoreHandlerTest extends ServerFixture {

    private static final String CONFIG = """
            tasks:
              noop: { command: [true] }
            static:
              "/files": { dir: ./site, cache: 1h }
            """;

    private HttpTestClient http;
    private final ListAppender<ILoggingEvent> javalinAnswers = new ListAppender<>();
    private final Logger routeLog = (Logger) LoggerFactory.getLogger(StaticMountRoute.class);
    private Level levelBefore;

    @BeforeEach
    void startServer() throws IOException {
        StaticSite.write(dir);
        server = TestServer.start(dir, CONFIG, Map.of("SLUICE_SERVER_BASE_PATH", "/base"));
        http = server.http();
        levelBefore = routeLog.getLevel();
        routeLog.setLevel(Level.DEBUG);
        javalinAnswers.start();
        routeLog.addAppender(javalinAnswers);
    }

    @AfterEach
    void stopListening() {
        routeLog.detachAppender(javalinAnswers);
        routeLog.setLevel(levelBefore);
    }

    @Test
    void a_file_is_served_under_the_base_path_and_without_it_and_never_through_javalin() {
        HttpTestClient.Response prefixed = http.get("/base/files/hello.txt");
        HttpTestClient.Response stripped = http.get("/files/hello.txt");

        assertThat(prefixed.status()).isEqualTo(200);
        assertThat(prefixed.body()).isEqualTo("hello, static world\n");
        assertThat(stripped.body()).isEqualTo("hello, static world\n");
        assertThat(prefixed.header("Cache-Control")).isEqualTo("max-age=3600");
        assertThat(prefixed.header("Last-Modified")).isEqualTo("Wed, 04 Mar 2026 05:06:07 GMT");
        assertThat(prefixed.header("ETag")).isEqualTo(stripped.header("ETag")).matches("\"[0-9a-f]+-[0-9a-f]+\"");
        assertThat(javalinAnswers.list).as("Javalin's static route answered").isEmpty();
    }

    @Test
    void a_request_with_a_body_is_left_to_javalin_which_answers_it_alike() {
        HttpRequest withBody = http.builder("/base/files/hello.txt")
                .method("GET", HttpRequest.BodyPublishers.ofString("x")).build();

        HttpTestClient.Response r = http.send(withBody);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello, static world\n");
        assertThat(javalinAnswers.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("event=static-answer layer=javalin prefix=/files method=GET");
    }

    @Test
    void validators_and_ranges_work_through_the_core_handler() {
        String etag = http.get("/files/numbers.bin").header("ETag");

        assertThat(http.get("/files/numbers.bin", Map.of("If-None-Match", etag)).status()).isEqualTo(304);
        HttpTestClient.Response part = http.get("/base/files/numbers.bin", Map.of("Range", "bytes=10-12"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-12/1000");
        assertThat(part.bytes()).containsExactly(10, 11, 12);
        assertThat(http.get("/files/numbers.bin", Map.of("Range", "bytes=0-9", "If-Range", "\"stale\"")).bytes()).hasSize(1000);
        HttpTestClient.Response head = http.send(http.builder("/files/numbers.bin")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.header("Content-Length")).isEqualTo("1000");
        assertThat(head.bytes()).isEmpty();
        assertThat(javalinAnswers.list).isEmpty();
    }

    @Test
    void a_range_past_the_end_is_a_problem_document_naming_the_instance_with_the_base_path() {
        HttpTestClient.Response r = http.get("/files/numbers.bin", Map.of("Range", "bytes=5000-"));

        assertThat(r.status()).isEqualTo(416);
        assertThat(r.header("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
        assertThat(r.header("Content-Range")).isEqualTo("bytes */1000");
        assertThat(r.json().path("type").asText()).isEqualTo("https://sluice.dev/problems/range-not-satisfiable");
        assertThat(r.json().path("status").asInt()).isEqualTo(416);
        assertThat(r.json().path("size").asInt()).isEqualTo(1000);
        assertThat(r.json().path("instance").asText()).isEqualTo("/base/files/numbers.bin");
    }

    @Test
    void codings_are_chosen_as_on_any_mount() throws IOException {
        HttpTestClient.Response br = http.get("/files/app.js", Map.of("Accept-Encoding", "gzip, br"));
        HttpTestClient.Response gzipped = http.get("/files/style.css", Map.of("Accept-Encoding", "gzip"));

        assertThat(br.body()).isEqualTo("pretend brotli bytes");
        assertThat(br.header("Content-Encoding")).isEqualTo("br");
        assertThat(br.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.bytes()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(StaticSite.STYLE);
        }
    }

    @Test
    void nothing_outside_the_folder_hidden_or_with_a_second_name_is_served() {
        for (String path : new String[] {"/files/.env", "/files/.hidden/x.txt", "/files/link-out.txt", "/files/linked-dir/secret.txt",
                "/files/hard.txt", "/files/env-link.txt", "/files/%2e%2e/outside/secret.txt", "/files/..%2foutside%2fsecret.txt",
                "/base/files/docs/%2e%2e/%2e%2e/outside/secret.txt"}) {
            HttpTestClient.Response r = http.get(path);

            assertThat(r.status()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("TOP SECRET", "hunter2", "HIDDEN-CONTENT");
            assertThat(r.header("Content-Type")).as(path).isEqualTo(Problems.CONTENT_TYPE);
        }
        assertThat(http.get("/files/link-in.txt").body()).isEqualTo("hello, static world\n");
    }

    @Test
    void a_folder_redirects_with_the_base_path_and_its_index_is_served() {
        HttpTestClient.Response redirect = http.get("/files/docs?a=1");

        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.header("Location")).isEqualTo("/base/files/docs/?a=1");
        assertThat(http.get("/base/files/docs/").body()).isEqualTo("<!doctype html><title>docs</title>");
        assertThat(http.get("/files/bare/").status()).as("no listing").isEqualTo(404);
    }

    @Test
    void answers_are_counted_under_the_mount_s_route_template() {
        http.get("/base/files/hello.txt");
        http.get("/files/missing.txt");
        http.get("/files");

        String metrics = http.get("/metrics").body();

        assertThat(metrics)
                .contains("sluice_http_requests_total{method=\"GET\",route=\"/files/<path>\",status=\"200\"} 1.0")
                .contains("sluice_http_requests_total{method=\"GET\",route=\"/files/<path>\",status=\"404\"} 1.0")
                .contains("sluice_http_requests_total{method=\"GET\",route=\"/files\",status=\"301\"} 1.0");
    }

    @Test
    void other_methods_on_the_mount_are_refused_with_405() {
        HttpTestClient.Response r = http.delete("/base/files/hello.txt");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(r.json().path("type").asText()).endsWith("method-not-allowed");
    }
}
