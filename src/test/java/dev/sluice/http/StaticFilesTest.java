package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.ServerFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Files of a `static:` mount over real HTTP: types, validators, ranges, encodings, index and fallback pages. */
class StaticFilesTest extends ServerFixture {

    static final String CONFIG = """
            tasks:
              noop: { command: [true] }
            static:
              "/": ./site
              "/app": { dir: ./spa, cache: 30d, fallback: index.html }
            """;

    HttpTestClient http;

    @BeforeEach
    void startServer() throws IOException {
        StaticSite.write(dir);
        start(CONFIG);
        http = server.http();
    }

    @Test
    void a_file_is_served_with_its_type_length_and_validators() {
        HttpTestClient.Response r = http.get("/hello.txt");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello, static world\n");
        assertThat(typeOf(r)).isEqualTo("text/plain;charset=utf-8");
        assertThat(r.header("Content-Length")).isEqualTo("20");
        assertThat(r.header("ETag")).matches("\"[0-9a-f]+-[0-9a-f]+\"");
        assertThat(r.header("Last-Modified")).isEqualTo("Wed, 04 Mar 2026 05:06:07 GMT");
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(r.header("Content-Encoding")).isNull();
    }

    @Test
    void head_answers_with_the_head_of_get_and_no_body() {
        HttpTestClient.Response r = http.send(http.builder("/numbers.bin").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo("1000");
        assertThat(r.header("ETag")).isEqualTo(http.get("/numbers.bin").header("ETag"));
        assertThat(r.bytes()).isEmpty();
    }

    @Test
    void a_matching_etag_is_answered_with_304_and_no_body() {
        String etag = http.get("/hello.txt").header("ETag");

        HttpTestClient.Response r = http.get("/hello.txt", Map.of("If-None-Match", "\"other\", " + etag));

        assertThat(r.status()).isEqualTo(304);
        assertThat(r.bytes()).isEmpty();
        assertThat(r.header("ETag")).isEqualTo(etag);
        assertThat(http.get("/hello.txt", Map.of("If-None-Match", "\"other\"")).status()).isEqualTo(200);
    }

    @Test
    void a_date_not_before_the_last_change_is_answered_with_304() {
        String lastModified = http.get("/hello.txt").header("Last-Modified");

        assertThat(http.get("/hello.txt", Map.of("If-Modified-Since", lastModified)).status()).isEqualTo(304);
        assertThat(http.get("/hello.txt", Map.of("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")).status()).isEqualTo(200);
        assertThat(http.get("/hello.txt", Map.of("If-Modified-Since", "Wed, 04 Mar 2026 05:06:06 GMT")).status()).isEqualTo(200);
        assertThat(http.get("/hello.txt", Map.of("If-Modified-Since", "not a date")).status()).isEqualTo(200);
    }

    @Test
    void a_range_is_answered_with_206_and_only_its_bytes() {
        HttpTestClient.Response r = http.get("/numbers.bin", Map.of("Range", "bytes=10-19"));

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes 10-19/1000");
        assertThat(r.bytes()).containsExactly(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    }

    @Test
    void a_range_past_the_end_is_refused_with_416_and_the_size() {
        HttpTestClient.Response r = http.get("/numbers.bin", Map.of("Range", "bytes=5000-"));

        assertThat(r.status()).isEqualTo(416);
        assertThat(r.header("Content-Range")).isEqualTo("bytes */1000");
        assertThat(r.json().path("type").asText()).endsWith("range-not-satisfiable");
    }

    @Test
    void several_ranges_in_one_request_get_the_whole_file() {
        HttpTestClient.Response r = http.get("/numbers.bin", Map.of("Range", "bytes=0-1,5-6"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Range")).isNull();
        assertThat(r.bytes()).hasSize(1000);
    }

    @Test
    void an_if_range_for_an_older_version_gets_the_whole_file() {
        HttpTestClient.Response r = http.get("/numbers.bin", Map.of("Range", "bytes=0-9", "If-Range", "\"stale-etag\""));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bytes()).hasSize(1000);
    }

    @Test
    void the_brotli_sibling_is_sent_to_a_client_that_accepts_brotli() {
        HttpTestClient.Response r = http.get("/app.js", Map.of("Accept-Encoding", "gzip, deflate, br"));

        assertThat(r.body()).isEqualTo("pretend brotli bytes");
        assertThat(r.header("Content-Encoding")).isEqualTo("br");
        assertThat(typeOf(r)).isEqualTo("text/javascript;charset=utf-8");
        assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
    }

    @Test
    void the_gzip_sibling_is_sent_to_a_client_that_accepts_only_gzip() {
        HttpTestClient.Response r = http.get("/app.js", Map.of("Accept-Encoding", "gzip, br;q=0"));

        assertThat(r.body()).isEqualTo("pretend gzip bytes");
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(typeOf(r)).isEqualTo("text/javascript;charset=utf-8");
    }

    @Test
    void a_304_or_416_for_a_precompressed_file_carries_no_content_encoding() {
        String etag = http.get("/app.js", Map.of("Accept-Encoding", "br")).header("ETag");

        HttpTestClient.Response notModified = http.get("/app.js", Map.of("Accept-Encoding", "br", "If-None-Match", etag));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("Content-Encoding")).isNull();
        HttpTestClient.Response refused = http.get("/app.js", Map.of("Accept-Encoding", "br", "Range", "bytes=900-"));
        assertThat(refused.status()).isEqualTo(416);
        assertThat(refused.header("Content-Encoding")).isNull();
        assertThat(refused.json().path("status").asInt()).isEqualTo(416);
    }

    @Test
    void the_etag_of_a_precompressed_file_differs_from_the_file_itself() {
        assertThat(http.get("/app.js", Map.of("Accept-Encoding", "br")).header("ETag"))
                .endsWith("-br\"").isNotEqualTo(http.get("/app.js").header("ETag"));
    }

    @Test
    void a_client_that_accepts_no_coding_gets_the_file_itself() {
        HttpTestClient.Response r = http.get("/app.js");

        assertThat(r.body()).startsWith("console.log('identity');");
        assertThat(r.header("Content-Encoding")).isNull();
    }

    @Test
    void text_without_a_sibling_is_gzipped_on_the_way_out() throws IOException {
        HttpTestClient.Response r = http.get("/style.css", Map.of("Accept-Encoding", "gzip"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(typeOf(r)).isEqualTo("text/css;charset=utf-8");
        assertThat(r.header("ETag")).endsWith("-gzip\"");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.bytes()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(StaticSite.STYLE);
        }
    }

    @Test
    void a_range_of_text_is_sent_as_it_is_not_gzipped() {
        HttpTestClient.Response r = http.get("/style.css", Map.of("Accept-Encoding", "gzip", "Range", "bytes=0-3"));

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(r.body()).isEqualTo("body");
    }

    @Test
    void a_folder_path_serves_its_index_html_and_one_without_the_slash_is_redirected() {
        HttpTestClient.Response page = http.get("/docs/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>docs</title>");
        assertThat(typeOf(page)).isEqualTo("text/html;charset=utf-8");

        HttpTestClient.Response redirect = http.get("/docs?x=1");
        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.header("Location")).isEqualTo("/docs/?x=1");
    }

    @Test
    void a_mount_prefix_without_the_slash_is_redirected_to_its_folder() {
        HttpTestClient.Response r = http.get("/app");

        assertThat(r.status()).isEqualTo(301);
        assertThat(r.header("Location")).isEqualTo("/app/");
        assertThat(http.get("/app/").body()).contains("spa shell");
    }

    @Test
    void a_folder_without_index_html_is_not_listed() {
        HttpTestClient.Response r = http.get("/bare/");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.body()).doesNotContain("one.txt");
    }

    @Test
    void a_path_naming_no_file_gets_the_fallback_page_never_cached() {
        HttpTestClient.Response r = http.get("/app/settings/profile");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("spa shell");
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void a_mount_with_cache_lets_clients_keep_its_files() {
        HttpTestClient.Response r = http.get("/app/app.css");

        assertThat(r.body()).isEqualTo("h1 { color: red }");
        assertThat(r.header("Cache-Control")).isEqualTo("max-age=2592000");
    }

    @Test
    void a_mount_without_fallback_answers_404_for_a_missing_file() {
        HttpTestClient.Response r = http.get("/missing.txt");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("type").asText()).endsWith("not-found");
    }

    @Test
    void dotfiles_and_dot_folders_are_never_served() {
        for (String path : new String[] {"/.env", "/.hidden/x.txt", "/%2eenv", "/env-link.txt", "/app/.x"}) {
            HttpTestClient.Response r = http.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).doesNotContain("hunter2").doesNotContain("HIDDEN-CONTENT");
        }
    }

    @Test
    void a_link_inside_the_folder_to_a_file_inside_it_is_followed() {
        assertThat(http.get("/link-in.txt").body()).isEqualTo("hello, static world\n");
    }

    @Test
    void a_link_to_a_file_outside_the_folder_is_refused() {
        HttpTestClient.Response r = http.get("/link-out.txt");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("TOP SECRET");
    }

    @Test
    void a_linked_folder_pointing_outside_is_refused() {
        HttpTestClient.Response r = http.get("/linked-dir/secret.txt");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("TOP SECRET");
    }

    @Test
    void a_file_with_a_second_name_is_refused() {
        HttpTestClient.Response r = http.get("/hard.txt");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("TOP SECRET");
    }

    @Test
    void sluice_routes_answer_before_a_mount_at_the_root() {
        assertThat(http.get("/health").json().path("status").asText()).isEqualTo("ok");
        assertThat(http.get("/").body()).doesNotContain("site root").contains("conformance");
        assertThat(http.get("/index.html").body()).contains("site root");
        HttpTestClient.Response head = http.send(http.builder("/health").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("ETag")).as("HEAD /health is not the file named health").isNull();
        assertThat(head.header("Last-Modified")).isNull();
    }

    @Test
    void methods_other_than_get_and_head_are_refused_with_405() {
        HttpTestClient.Response r = http.post("/hello.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(r.json().path("type").asText()).endsWith("method-not-allowed");
        assertThat(http.delete("/app/app.css").status()).isEqualTo(405);
        assertThat(Files.exists(dir.resolve("spa/app.css"))).isTrue();
    }

    // why: Jetty writes some types it knows without the space before the charset, and a client must read both
    private static String typeOf(HttpTestClient.Response r) {
        return r.header("Content-Type").replace(" ", "");
    }
}
