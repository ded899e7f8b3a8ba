package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.SluiceServer;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every built-in demo task, submitted over HTTP and run as a real child JVM, ends as it should. */
class DemoTasksTest {

    @TempDir
    static java.nio.file.Path dir;

    private static SluiceServer server;
    private static HttpTestClient http;

    @BeforeAll
    static void start() throws Exception {
        server = SluiceServer.start(DemoConfig.load(Map.of(
                "SLUICE_SERVER_LISTEN", "127.0.0.1:0",
                "SLUICE_STORAGE_DATA_DIR", dir.resolve("data").toString())));
        http = new HttpTestClient("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_submit_line_the_demo_prints_works_as_is_with_the_sample_images_it_writes() throws IOException {
        String url = "http://127.0.0.1:" + server.port();
        List<java.nio.file.Path> samples = DemoSamples.ensure(dir.resolve("data"));
        String line = DemoCommand.submitLine(url, samples);
        assertThat(line).contains(" submit compare reference=@").contains(" --server " + url);

        List<String> words = List.of(line.substring(line.indexOf("submit ")).split(" "));
        SluiceCommand.Run run = SluiceCommand.run(words.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("score: 0\\.\\d+").contains("report: " + url + "/jobs/");
    }

    @Test
    void echo_returns_its_message() {
        JsonNode done = awaitEnd(submitJson("echo", "{\"message\": \"héllo, wörld\"}"));

        assertThat(done.path("status").asText()).isEqualTo("successful");
        assertThat(results(done).path("echo").asText()).isEqualTo("héllo, wörld");
    }

    @Test
    void a_demo_started_with_a_class_path_relative_to_its_folder_runs_its_tasks() throws Exception {
        // why: `java -jar target/sluice.jar demo` gives the JVM a relative class path, and a task runs in its job's folder
        java.nio.file.Path home = java.nio.file.Files.createDirectories(dir.resolve("relative-start"));
        String relative = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> home.relativize(java.nio.file.Path.of(entry).toAbsolutePath()).toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        assertThat(relative).doesNotStartWith("/");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", relative, "dev.sluice.cli.Main", "demo")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("demo.log").toFile());
        builder.environment().put("SLUICE_SERVER_LISTEN", "127.0.0.1:" + port);
        builder.environment().put("SLUICE_STORAGE_DATA_DIR", home.resolve("data").toString());
        builder.environment().remove("SLUICE_STORAGE_DATABASE");
        Process demo = builder.start();
        try {
            HttpTestClient child = new HttpTestClient("http://127.0.0.1:" + port);
            org.awaitility.Awaitility.await().atMost(TestServer.PATIENCE).ignoreExceptions()
                    .until(() -> child.get("/health").status() == 200);

            HttpTestClient.Response answer = child.postJson("/processes/echo/execution", "{\"inputs\": {\"message\": \"from afar\"}}");

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).as("a single output comes back as itself").isEqualTo("from afar");
        } finally {
            demo.destroy();
            if (!demo.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                demo.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void compare_scores_two_uploaded_images_and_writes_a_report_and_a_plot() throws IOException {
        byte[] reference = png(new Color(200, 40, 40), new Color(20, 20, 200));
        byte[] sample = png(new Color(200, 40, 40), new Color(20, 200, 20));
        HttpTestClient.Response r = http.multipart("/processes/compare/execution",
                List.of(Part.file("reference", "reference.png", reference), Part.file("sample", "sample.png", sample)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);

        JsonNode done = awaitEnd(r.json().path("jobID").asText());

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("successful");
        JsonNode results = results(done);
        assertThat(results.path("score").asDouble()).isBetween(0.3, 0.7);
        HttpTestClient.Response report = http.get(results.path("report").path("href").asText());
        assertThat(report.header("Content-Type")).startsWith("text/html");
        assertThat(report.body()).contains("plot.png");
        HttpTestClient.Response plot = http.get(results.path("plot").path("href").asText());
        assertThat(plot.header("Content-Type")).isEqualTo("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(plot.bytes()))).isNotNull();
        assertThat(http.get("/jobs/" + done.path("jobID").asText() + "/log").body()).contains("::progress");
    }

    @Test
    void echo_writes_its_message_in_the_style_asked_for() {
        JsonNode done = awaitEnd(submitJson("echo", "{\"message\": \"Hello\", \"style\": \"upper\", \"pause\": 0.1}"));

        assertThat(done.path("status").asText()).isEqualTo("successful");
        assertThat(results(done).path("echo").asText()).isEqualTo("HELLO");
    }

    @Test
    void compare_takes_an_image_wider_than_its_max_dimension_scaled_down_to_it() throws IOException {
        HttpTestClient.Response r = http.multipart("/processes/compare/execution", List.of(
                Part.file("reference", "wide.png", dev.sluice.testing.TestImages.png(5000, 200)),
                Part.file("sample", "b.png", png(Color.RED, Color.BLUE))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);

        JsonNode done = awaitEnd(r.json().path("jobID").asText());

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("successful");
        java.nio.file.Path stored = dir.resolve("data/jobs").resolve(done.path("jobID").asText()).resolve("in/reference.png");
        assertThat(dev.sluice.testing.TestImages.dimensions(stored)).containsExactly(4000, 160);
    }

    @Test
    void compare_refuses_a_file_that_is_not_an_image_before_any_job_exists() throws IOException {
        HttpTestClient.Response r = http.multipart("/processes/compare/execution", List.of(
                Part.file("reference", "fake.png", "not an image".getBytes()),
                Part.file("sample", "b.png", png(Color.RED, Color.BLUE))));

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("input").asText()).isEqualTo("reference");
        assertThat(r.json().path("detail").asText()).contains("must be a PNG, JPEG, GIF or BMP image");
    }

    @Test
    void slow_reports_progress_and_finishes() {
        JsonNode done = awaitEnd(submitJson("slow", "{\"seconds\": 1}"));

        assertThat(done.path("status").asText()).isEqualTo("successful");
        assertThat(http.get("/jobs/" + done.path("jobID").asText() + "/log").body()).contains("::progress 0", "::progress 100");
    }

    @Test
    void fail_fails_with_reason_exit_code_and_its_message() {
        JsonNode done = awaitEnd(submitJson("fail", "{}"));

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("reason").asText()).isEqualTo("exit-code");
        assertThat(done.path("message").asText()).contains("demo failure: this task always fails");
    }

    @Test
    void the_demo_echo_answers_synchronously_with_its_value_unless_asked_to_respond_async() {
        assertThat(http.get("/processes/echo").json().path("jobControlOptions").toString()).contains("sync-execute");

        HttpTestClient.Response sync = http.postJson("/processes/echo/execution", "{\"inputs\": {\"message\": \"now\"}}");

        assertThat(sync.status()).as(sync.body()).isEqualTo(200);
        assertThat(sync.header("Content-Type")).startsWith("text/plain");
        assertThat(sync.body()).as("its one output, as itself").isEqualTo("now");
        assertThat(sync.header("Link")).contains("rel=\"monitor\"");
    }

    /** /req/core/test-process (and /rec/core/test-process): the demo offers echo, which returns its input after a pause. */
    @Test
    void req_core_test_process() {
        JsonNode echo = http.get("/processes/echo").json();
        assertThat(echo.path("jobControlOptions").toString()).contains("async-execute");
        assertThat(echo.path("inputs").has("pause")).as("a delay, to test asynchronous execution").isTrue();

        String id = submitJson("echo", "{\"message\": \"test me\", \"pause\": 0.2}");

        org.awaitility.Awaitility.await().atMost(TestServer.PATIENCE).until(() ->
                !List.of("accepted", "running").contains(http.get("/jobs/" + id).json().path("status").asText()));
        assertThat(http.get("/jobs/" + id).json().path("status").asText()).isEqualTo("successful");
        assertThat(http.get("/jobs/" + id + "/results/echo").body()).isEqualTo("test me");
    }

    private static String submitJson(String task, String inputs) {
        HttpTestClient.Response r = http.postJsonAsync("/processes/" + task + "/execution", "{\"inputs\": " + inputs + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobID").asText();
    }

    private static JsonNode results(JsonNode job) {
        return http.get("/jobs/" + job.path("jobID").asText() + "/results").json();
    }

    private static JsonNode awaitEnd(String id) {
        JsonNode[] last = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(TestServer.PATIENCE).until(() -> {
            last[0] = http.get("/jobs/" + id).json();
            return Set.of("successful", "failed", "dismissed").contains(last[0].path("status").asText());
        });
        return last[0];
    }

    /** A 120x80 PNG: left half one colour, right half another. */
    private static byte[] png(Color left, Color right) throws IOException {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, 60, 80);
        g.setColor(right);
        g.fillRect(60, 0, 60, 80);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
