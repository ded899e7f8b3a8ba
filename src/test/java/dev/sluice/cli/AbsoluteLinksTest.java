package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `sluice submit` prints links a user can click or fetch as they are: result files and the job's page, under a base path too. */
class AbsoluteLinksTest extends ServerFixture {

    private static final String CONFIG = """
            tasks:
              draw:
                command: [sh, -c, "printf picture > \\"$1\\"; printf 7 > \\"$2\\"", sh, "{out}/x.png", "{out}/n.txt"]
                outputs:
                  picture: { file: x.png }
                  n: { file: n.txt, type: number }
            """;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void keepTokensHere() {
        System.setProperty("sluice.token-file", dir.resolve("tokens").toString());
    }

    @AfterEach
    void forgetTheTokenFile() {
        System.clearProperty("sluice.token-file");
    }

    @Test
    void submit_wait_prints_result_files_as_urls_that_fetch_and_the_jobs_page() throws Exception {
        server = TestServer.start(dir, CONFIG);
        String at = server.http().base();

        Run run = SluiceCommand.run("submit", "draw", "--wait", "--server", at);

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        String id = lines.getFirst();
        assertThat(lines).containsExactly(id, "picture: " + at + "/jobs/" + id + "/results/picture", "n: 7");
        assertThat(run.err()).contains("page: " + at + "/jobs/" + id);
        assertThat(fetch(at + "/jobs/" + id + "/results/picture", "*/*").body()).isEqualTo("picture");
        HttpResponse<String> page = fetch(at + "/jobs/" + id, "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(id);
    }

    @Test
    void under_a_base_path_every_printed_link_carries_it_and_fetches() throws Exception {
        server = TestServer.start(dir, CONFIG, Map.of("SLUICE_SERVER_BASE_PATH", "/sluice"));
        String at = server.http().base() + "/sluice";

        Run run = SluiceCommand.run("submit", "draw", "--wait", "--server", at);

        assertThat(run.exit()).as(run.err()).isZero();
        String id = run.out().lines().findFirst().orElseThrow();
        String picture = at + "/jobs/" + id + "/results/picture";
        assertThat(run.out()).contains("picture: " + picture + System.lineSeparator());
        assertThat(run.err()).contains("page: " + at + "/jobs/" + id);
        assertThat(fetch(picture, "*/*").body()).isEqualTo("picture");
        assertThat(fetch(at + "/jobs/" + id, "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void submit_wait_json_prints_one_document_with_the_page_the_status_and_absolute_results() {
        server = TestServer.start(dir, CONFIG, Map.of("SLUICE_SERVER_BASE_PATH", "/sluice"));
        String at = server.http().base() + "/sluice";

        Run run = SluiceCommand.run("submit", "draw", "--wait", "--json", "--server", at);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(1);
        JsonNode doc = TestServer.parse(run.out());
        String id = doc.path("job").path("jobID").asText();
        assertThat(doc.path("page").asText()).isEqualTo(at + "/jobs/" + id);
        assertThat(doc.path("job").path("status").asText()).isEqualTo("successful");
        assertThat(doc.path("job").path("links").findValuesAsText("href")).isNotEmpty()
                .allSatisfy(href -> assertThat(href).startsWith(at + "/jobs/" + id));
        assertThat(doc.path("results").path("picture").path("href").asText()).isEqualTo(at + "/jobs/" + id + "/results/picture");
        assertThat(doc.path("results").path("n").asInt()).isEqualTo(7);
    }

    @Test
    void submit_json_without_wait_prints_the_accepted_job_and_its_page() {
        server = TestServer.start(dir, CONFIG);
        String at = server.http().base();

        Run run = SluiceCommand.run("submit", "draw", "--json", "--server", at);

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode doc = TestServer.parse(run.out());
        String id = doc.path("job").path("jobID").asText();
        assertThat(id).isNotBlank();
        assertThat(doc.path("page").asText()).isEqualTo(at + "/jobs/" + id);
        assertThat(doc.has("results")).isFalse();
        server.awaitEnd(id);
    }

    private HttpResponse<String> fetch(String url, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
