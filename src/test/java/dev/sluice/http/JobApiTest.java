package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The happy paths of the HTTP API: the shapes of process descriptions, status documents, results and files. */
class JobApiTest {

    @TempDir
    Path dir;

    private TestServer server;
    private HttpTestClient http;
    private Path release;

    @BeforeEach
    void start() {
        release = dir.resolve("release");
        Path scripts = dir.resolve("scripts");
        Path echo = Scripts.write(scripts, "echo.sh", """
                printf '%s' "$1" > "$4/echo.txt"
                printf 'n=%s flag=%s' "$2" "$3" > "$4/args.txt"
                printf '<!doctype html><title>echo</title><p>%s</p>' "$1" > "$4/page.html"
                echo "echoed $1\"""");
        Path upload = Scripts.write(scripts, "upload.sh", """
                printf '%s' "$1" > "$2/where.txt"
                cp "$1" "$2/copy.bin\"""");
        Path leak = Scripts.write(scripts, "leak.sh", """
                ln -s /etc/passwd "$1/secret.txt"
                echo ok > "$1/note.txt\"""");
        Path gate = Scripts.write(scripts, "gate.sh",
                "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        server = TestServer.start(dir, """
                tasks:
                  echo:
                    title: Echo a text
                    command: %s
                    inputs:
                      text: { type: string, max-length: 20, pattern: "[a-z ]*" }
                      n: { type: integer, min: 1, max: 10, default: 3 }
                      ratio: { type: number, min: 0, max: 1, required: false }
                      flag: { type: boolean, default: false }
                      colour: { type: string, enum: [red, green], required: false }
                    outputs:
                      echo: { file: echo.txt, type: string }
                      page: { file: page.html }
                      args: { file: args.txt }
                  upload:
                    command: %s
                    inputs:
                      data: { type: file, max-size: 64KB }
                    outputs:
                      where: { file: where.txt, type: string }
                      copy: { file: copy.bin }
                  leak:
                    command: %s
                    outputs:
                      secret: { file: secret.txt, optional: true }
                      note: { file: note.txt, type: string }
                  gate:
                    command: %s
                queues:
                  default: { concurrency: 1, max-waiting: 10 }
                """.formatted(Scripts.command(echo, "{text}", "{n}", "{flag}", "{out}"), Scripts.command(upload, "{data}", "{out}"),
                Scripts.command(leak, "{out}"), Scripts.command(gate)));
        http = server.http();
    }

    @AfterEach
    void stop() throws IOException {
        Files.writeString(release, "go");
        server.close();
    }

    // --- processes

    @Test
    void the_process_list_names_every_task_with_its_links() {
        Response r = http.get("/processes");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode doc = r.json();
        assertThat(doc.path("processes").findValuesAsText("id")).containsExactly("echo", "upload", "leak", "gate");
        JsonNode echo = doc.path("processes").get(0);
        assertThat(echo.path("title").asText()).isEqualTo("Echo a text");
        assertThat(hrefOf(echo.path("links"), "self")).isEqualTo("/processes/echo");
        assertThat(hrefOf(echo.path("links"), "http://www.opengis.net/def/rel/ogc/1.0/execute")).isEqualTo("/processes/echo/execution");
        assertThat(hrefOf(doc.path("links"), "self")).isEqualTo("/processes");
    }

    @Test
    void a_string_input_is_described_with_its_max_length_and_pattern() {
        JsonNode schema = describeEcho().path("inputs").path("text").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("string");
        assertThat(schema.path("maxLength").asInt()).isEqualTo(20);
        assertThat(schema.path("pattern").asText()).isEqualTo("[a-z ]*");
    }

    @Test
    void an_enum_input_is_described_with_its_allowed_values() {
        JsonNode schema = describeEcho().path("inputs").path("colour").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("string");
        assertThat(schema.path("enum")).extracting(JsonNode::asText).containsExactly("red", "green");
    }

    @Test
    void an_integer_input_is_described_with_its_range_and_default() {
        JsonNode schema = describeEcho().path("inputs").path("n").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("integer");
        assertThat(schema.path("minimum").asInt()).isEqualTo(1);
        assertThat(schema.path("maximum").asInt()).isEqualTo(10);
        assertThat(schema.path("default").isInt()).isTrue();
        assertThat(schema.path("default").asInt()).isEqualTo(3);
    }

    @Test
    void a_number_input_is_described_with_its_range() {
        JsonNode schema = describeEcho().path("inputs").path("ratio").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("number");
        assertThat(schema.path("minimum").decimalValue()).isEqualByComparingTo("0");
        assertThat(schema.path("maximum").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void a_boolean_input_is_described_with_its_default() {
        JsonNode schema = describeEcho().path("inputs").path("flag").path("schema");

        assertThat(schema.path("type").asText()).isEqualTo("boolean");
        assertThat(schema.path("default").isBoolean()).isTrue();
        assertThat(schema.path("default").asBoolean()).isFalse();
    }

    @Test
    void only_inputs_that_must_be_sent_have_min_occurs_one() {
        JsonNode inputs = describeEcho().path("inputs");

        assertThat(inputs.path("text").path("minOccurs").asInt(-1)).isEqualTo(1);
        assertThat(inputs.path("n").path("minOccurs").asInt(-1)).isZero();
        assertThat(inputs.path("ratio").path("minOccurs").asInt(-1)).isZero();
        assertThat(inputs.path("flag").path("minOccurs").asInt(-1)).isZero();
        assertThat(inputs.path("colour").path("minOccurs").asInt(-1)).isZero();
    }

    @Test
    void outputs_are_described_as_inline_values_or_files_with_their_media_type() {
        JsonNode outputs = describeEcho().path("outputs");

        assertThat(outputs.path("echo").path("schema").path("type").asText()).isEqualTo("string");
        assertThat(outputs.path("echo").path("schema").has("format")).isFalse();
        assertThat(outputs.path("page").path("schema").path("format").asText()).isEqualTo("binary");
        assertThat(outputs.path("page").path("schema").path("contentMediaType").asText()).startsWith("text/html");
    }

    // --- submission and status

    @Test
    void a_json_submission_is_created_with_a_location_and_a_status_document() {
        Response r = http.postJson("/processes/echo/execution", "{\"inputs\": {\"text\": \"hello\"}}");

        assertThat(r.status()).isEqualTo(201);
        JsonNode doc = r.json();
        String id = doc.path("jobID").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(r.header("Location")).isEqualTo("/jobs/" + id);
        assertThat(doc.path("status").asText()).isIn("accepted", "running");
        assertThat(doc.path("processID").asText()).isEqualTo("echo");
        assertThat(hrefOf(doc.path("links"), "self")).isEqualTo("/jobs/" + id);
    }

    @Test
    void a_submitted_job_reaches_successful_with_a_link_to_its_results() {
        String id = server.submit("echo", "{\"text\": \"hello\"}");

        JsonNode doc = server.awaitEnd(id);

        assertThat(doc.path("status").asText()).as(doc.toString()).isEqualTo("successful");
        assertThat(hrefOf(doc.path("links"), StatusDocuments.RESULTS_REL)).isEqualTo("/jobs/" + id + "/results");
        assertThat(http.get("/jobs/" + id).json().path("status").asText()).isEqualTo("successful");
    }

    @Test
    void defaults_are_applied_when_an_input_is_not_sent() {
        String id = succeeded("echo", "{\"text\": \"hi\"}");

        Response args = http.get("/jobs/" + id + "/results/args");

        assertThat(args.body()).isEqualTo("n=3 flag=false");
    }

    @Test
    void sent_values_reach_the_command_in_their_canonical_form() {
        String id = succeeded("echo", "{\"text\": \"hi\", \"n\": \"7\", \"flag\": true}");

        assertThat(http.get("/jobs/" + id + "/results/args").body()).isEqualTo("n=7 flag=true");
    }

    // --- results

    @Test
    void results_hold_a_typed_output_inline_and_a_file_output_as_a_link() {
        String id = succeeded("echo", "{\"text\": \"hello world\"}");

        Response r = http.get("/jobs/" + id + "/results");

        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.path("echo").isTextual()).isTrue();
        assertThat(doc.path("echo").asText()).isEqualTo("hello world");
        assertThat(doc.path("page").path("href").asText()).isEqualTo("/jobs/" + id + "/results/page");
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

    // --- log, list, cancel

    @Test
    void the_log_holds_the_jobs_output_as_plain_text() {
        String id = succeeded("echo", "{\"text\": \"hello log\"}");

        Response r = http.get("/jobs/" + id + "/log");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.body()).contains("echoed hello log");
    }

    @Test
    void the_job_list_shows_the_newest_job_first() {
        List<String> submitted = submitThree();

        Response r = http.get("/jobs");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("jobs").findValuesAsText("jobID")).containsExactly(submitted.get(2), submitted.get(1), submitted.get(0));
    }

    @Test
    void the_job_list_honours_its_limit() {
        List<String> submitted = submitThree();

        Response r = http.get("/jobs?limit=2");

        assertThat(r.json().path("jobs").findValuesAsText("jobID")).containsExactly(submitted.get(2), submitted.get(1));
    }

    @Test
    void a_job_list_limit_of_zero_is_a_bad_request() {
        assertBadRequest(http.get("/jobs?limit=0"));
    }

    @Test
    void a_job_list_limit_that_is_not_a_number_is_a_bad_request() {
        assertBadRequest(http.get("/jobs?limit=abc"));
    }

    @Test
    void deleting_a_queued_job_dismisses_it() {
        String blocker = server.submit("gate", "{}");
        server.awaitStatus(blocker, "running");
        String queued = server.submit("echo", "{\"text\": \"hi\"}");
        assertThat(server.status(queued).path("status").asText()).isEqualTo("accepted");

        Response r = http.delete("/jobs/" + queued);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("dismissed");
        assertThat(server.status(queued).path("status").asText()).isEqualTo("dismissed");
    }

    // --- helpers

    private JsonNode describeEcho() {
        Response r = http.get("/processes/echo");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private String succeeded(String task, String inputsJson) {
        String id = server.submit(task, inputsJson);
        JsonNode end = server.awaitEnd(id);
        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("successful");
        return id;
    }

    private String uploaded(String fileName, byte[] content) {
        Response r = http.multipart("/processes/upload/execution", List.of(Part.file("data", fileName, content)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("jobID").asText();
        JsonNode end = server.awaitEnd(id);
        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("successful");
        return id;
    }

    private List<String> submitThree() {
        List<String> ids = new ArrayList<>();
        for (String text : List.of("one", "two", "three")) {
            ids.add(server.submit("echo", "{\"text\": \"" + text + "\"}"));
        }
        return ids;
    }

    private static void assertBadRequest(Response r) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("detail").asText()).contains("limit");
    }

    private static String hrefOf(JsonNode links, String rel) {
        for (JsonNode link : links) {
            if (rel.equals(link.path("rel").asText())) {
                return link.path("href").asText();
            }
        }
        return null;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
