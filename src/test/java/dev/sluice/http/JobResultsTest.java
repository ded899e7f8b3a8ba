package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.HttpTestClient.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What goes into a job as a file and what comes out: inline results, result files served safely, uploads unchanged. */
class JobResultsTest extends JobApiServer {

    // --- results

    @Test
    void results_hold_a_typed_output_inline_and_a_file_output_as_a_link() {
        String id = succeeded("echo", "{\"text\": \"hello world\"}");

        Response r = http.get("/jobs/" + id + "/results");

        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.path("echo").isTextual()).isTrue();
        assertThat(doc.path("echo").asText()).isEqualTo("hello world");
        assertThat(doc.path("page").path("href").asText()).isEqualTo(server.http().base() + "/jobs/" + id + "/results/page");
        assertThat(doc.path("page").path("type").asText()).startsWith("text/html");
    }

    @Test
    void a_result_file_is_served_with_its_content_type() {
        String id = succeeded("echo", "{\"text\": \"hi\"}");

        Response r = http.get("/jobs/" + id + "/results/args");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.body()).isEqualTo("n=3 flag=false");
    }

    @Test
    void a_range_of_a_result_file_is_served_as_partial_content() {
        String id = succeeded("echo", "{\"text\": \"hi\"}");

        Response r = http.get("/jobs/" + id + "/results/args", Map.of("Range", "bytes=4-7"));

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.body()).isEqualTo("flag");
        assertThat(r.header("Content-Range")).isEqualTo("bytes 4-7/14");
    }

    @Test
    void an_html_result_is_served_inside_a_sandbox() {
        String id = succeeded("echo", "{\"text\": \"hi\"}");

        Response r = http.get("/jobs/" + id + "/results/page");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.header("Content-Security-Policy")).isNotNull().contains("sandbox");
        assertThat(r.body()).contains("<p>hi</p>");
    }

    @Test
    void a_symlink_out_of_the_job_folder_is_not_served_even_when_declared() {
        String id = succeeded("leak", "{}");

        Response r = http.get("/jobs/" + id + "/results/secret");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("root:");
    }

    @Test
    void a_symlink_out_of_the_job_folder_is_left_out_of_the_results() {
        String id = succeeded("leak", "{}");

        JsonNode doc = http.get("/jobs/" + id + "/results").json();

        assertThat(doc.path("note").asText()).isEqualTo("ok\n");
        assertThat(doc.has("secret")).isFalse();
    }

    // --- uploads

    @Test
    void an_uploaded_file_reaches_the_command_unchanged() {
        byte[] content = randomBytes(5000);
        String id = uploaded("image.png", content);

        Response copy = http.get("/jobs/" + id + "/results/copy");

        assertThat(copy.status()).isEqualTo(200);
        assertThat(copy.bytes()).isEqualTo(content);
    }

    @Test
    void the_command_receives_the_path_of_the_upload_inside_the_jobs_in_folder() throws IOException {
        String id = uploaded("image.png", randomBytes(100));

        Path where = Path.of(http.get("/jobs/" + id + "/results").json().path("where").asText());

        Path in = server.dataDir().resolve("jobs").resolve(id).resolve("in").toRealPath();
        assertThat(where.isAbsolute()).isTrue();
        assertThat(where.getParent().toRealPath()).isEqualTo(in);
        assertThat(Files.isRegularFile(where)).isTrue();
    }

    @Test
    void the_clients_file_name_does_not_decide_where_the_upload_is_stored() throws IOException {
        String id = uploaded("../../evil.png", randomBytes(100));

        Path where = Path.of(http.get("/jobs/" + id + "/results").json().path("where").asText());

        Path in = server.dataDir().resolve("jobs").resolve(id).resolve("in").toRealPath();
        assertThat(where.normalize()).isEqualTo(where);
        assertThat(where.getParent().toRealPath()).isEqualTo(in);
        assertThat(where.getFileName().toString()).doesNotContain("evil");
        try (Stream<Path> everything = Files.walk(dir)) {
            assertThat(everything.map(p -> p.getFileName().toString())).doesNotContain("evil.png");
        }
    }

    // --- helpers

    private String uploaded(String fileName, byte[] content) {
        Response r = http.multipart("/processes/upload/execution", List.of(Part.file("data", fileName, content)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("jobID").asText();
        JsonNode end = server.awaitEnd(id);
        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("successful");
        return id;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
