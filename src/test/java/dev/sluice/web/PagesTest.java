package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages over HTTP: negotiation, escaping of what authors and jobs wrote, forms from the inputs' schemas, headers. */
class PagesTest extends ServerFixture {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String HOSTILE_TITLE = "<script>alert('title')</script> & \"Co\"";

    private HttpTestClient http;
    private Path release;

    @BeforeEach
    void startServer() {
        release = dir.resolve("release");
        Path shout = Scripts.write(dir.resolve("scripts"), "shout.sh", """
                echo '<script>alert("log")</script> & done'
                echo "::progress 50 <b>half</b>"
                while [ ! -e "%s" ]; do sleep 0.05; done""".formatted(release));
        start("""
                tasks:
                  shout:
                    title: "%s"
                    description: "<b>bold</b> claims"
                    command: %s
                    inputs:
                      word: { type: string, title: "<i>Word</i>", description: "<img src=x onerror=alert(1)>", max-length: 12, required: false }
                  form:
                    title: All inputs
                    command: [true]
                    inputs:
                      text: { type: string, max-length: 20, pattern: "[a-z ]*", description: Lower case }
                      long: { type: string, max-length: 1000, required: false }
                      n: { type: integer, min: 1, max: 10, default: 3 }
                      ratio: { type: number, min: 0, max: 1, required: false }
                      flag: { type: boolean, default: true }
                      colour: { type: string, enum: [red, green], default: green }
                      data: { type: file, max-size: 64KB }
                    outputs:
                      report: { file: report.html }
                queues:
                  default: { concurrency: 1 }
                """.formatted(HOSTILE_TITLE.replace("\"", "\\\""), Scripts.command(shout)));
        http = server.http();
    }

    @AfterEach
    void releaseJobs() throws IOException {
        Files.writeString(release, "go");
    }

    @Test
    void a_browser_gets_the_index_page_and_an_api_client_keeps_the_landing_document() {
        HttpTestClient.Response page = http.get("/", Map.of("Accept", BROWSER));
        HttpTestClient.Response json = http.get("/");
        HttpTestClient.Response curl = http.get("/", Map.of("Accept", "*/*"));

        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(html(page).select("ul.tasks > li > a").eachAttr("href")).containsExactly("/tasks/shout", "/tasks/form");
        assertThat(html(page).select("ul.tasks .task-facts a").eachAttr("href")).containsExactly("/processes/shout?f=json", "/processes/form?f=json");
        assertThat(json.json().path("links").isArray()).isTrue();
        assertThat(curl.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void the_f_parameter_overrides_the_accept_header() {
        String id = server.submit("shout", "{}");

        assertThat(http.get("/?f=json", Map.of("Accept", BROWSER)).header("Content-Type")).startsWith("application/json");
        assertThat(http.get("/jobs/" + id + "?f=json", Map.of("Accept", BROWSER)).json().path("jobID").asText()).isEqualTo(id);
        assertThat(http.get("/jobs/" + id + "?f=html").header("Content-Type")).startsWith("text/html");
    }

    @Test
    void req_html_every_resource_of_the_api_has_a_page_at_its_own_address_and_json_on_request() {
        String id = server.submit("shout", "{}");
        for (String path : new String[] {"/", "/conformance", "/processes", "/processes/shout", "/jobs", "/jobs/" + id,
                "/jobs/" + id + "/results"}) {
            HttpTestClient.Response page = http.get(path + "?f=html");
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(http.get(path, Map.of("Accept", BROWSER)).header("Content-Type")).as(path).startsWith("text/html");
            HttpTestClient.Response json = http.get(path + "?f=json", Map.of("Accept", BROWSER));
            // why: the results of a job still running are a problem document (application/problem+json)
            assertThat(json.header("Content-Type")).as(path).startsWith("application/").contains("json");
            assertThat(json.json().isObject()).as(path).isTrue();
        }
        assertThat(html(http.get("/processes/shout?f=html")).select("form").size()).isEqualTo(1);
        assertThat(html(http.get("/conformance?f=html")).select("li a").eachText())
                .contains("http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/html");
        assertThat(http.get("/processes/nope?f=html").status()).isEqualTo(404);
    }

    @Test
    void a_task_title_with_html_is_shown_as_text_on_the_index_and_the_form() {
        for (String path : new String[] {"/", "/tasks/shout"}) {
            HttpTestClient.Response page = http.get(path, Map.of("Accept", BROWSER));
            Document doc = html(page);

            assertThat(page.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;");
            assertThat(doc.select("script").eachAttr("src")).as(path).startsWith("/assets/sluice.js")
                    .allMatch(src -> src.matches("/assets/sluice(-[a-z]+)?\\.js"));
            assertThat(doc.select("script:not([src])")).as(path).isEmpty();
            assertThat(doc.select("b, i, img")).as(path).isEmpty();
            assertThat(doc.text()).contains(HOSTILE_TITLE, "<b>bold</b> claims");
        }
        Document form = html(http.get("/tasks/shout", Map.of("Accept", BROWSER)));
        assertThat(form.selectFirst("label[for=input-word]").text()).isEqualTo("<i>Word</i>");
        assertThat(form.selectFirst("#help-word").text()).contains("<img src=x onerror=alert(1)>");
    }

    @Test
    void a_log_line_and_a_stage_message_with_html_are_shown_as_text_on_the_job_page() {
        String id = server.submit("shout", "{}");
        await().atMost(TestServer.PATIENCE).until(() -> http.get("/jobs/" + id).json().path("progress").asInt() == 50);

        HttpTestClient.Response page = http.get("/jobs/" + id, Map.of("Accept", BROWSER));
        Document doc = html(page);

        assertThat(page.body()).doesNotContain("<script>alert(\"log\")").doesNotContain("<b>half");
        assertThat(doc.selectFirst("#job-log").text()).contains("<script>alert(\"log\")</script> & done");
        assertThat(doc.selectFirst("#job-message").text()).isEqualTo("<b>half</b>");
        assertThat(doc.selectFirst("#job-status").text()).isEqualTo("running");
        assertThat(doc.selectFirst("#job-progress").attr("value")).isEqualTo("50");
        assertThat(doc.select("h1").text()).isEqualTo(HOSTILE_TITLE);
        assertThat(doc.select("script").eachAttr("src")).containsExactly("/assets/sluice.js", "/assets/sluice-job.js");
    }

    @Test
    void the_job_address_gives_a_browser_the_page_and_an_api_client_the_status_document() {
        String id = server.submit("shout", "{}");

        assertThat(http.get("/jobs/" + id, Map.of("Accept", BROWSER)).header("Content-Type")).startsWith("text/html");
        assertThat(http.get("/jobs/" + id).json().path("jobID").asText()).isEqualTo(id);
        assertThat(http.get("/jobs/" + id, Map.of("Accept", "application/json")).json().path("jobID").asText()).isEqualTo(id);
    }

    @Test
    void a_waiting_job_page_says_its_place_in_line() {
        server.submit("shout", "{}");
        server.submit("shout", "{}");
        String third = server.submit("shout", "{}");

        Document doc = html(http.get("/jobs/" + third, Map.of("Accept", BROWSER)));

        assertThat(doc.selectFirst("#job-queue").text()).startsWith("2nd in line");
        assertThat(doc.selectFirst("#job-status").text()).isEqualTo("accepted");
    }

    @Test
    void the_form_carries_each_inputs_checks_from_its_schema() {
        Document form = html(http.get("/tasks/form", Map.of("Accept", BROWSER)));

        Element text = form.selectFirst("#input-text");
        assertThat(text.attr("data-max-length")).isEqualTo("20");
        assertThat(text.attr("data-pattern")).isEqualTo("[a-z ]*");
        assertThat(text.hasAttr("required")).isTrue();
        assertThat(form.selectFirst("#input-long").tagName()).isEqualTo("textarea");
        Element n = form.selectFirst("#input-n");
        assertThat(n.attr("type")).isEqualTo("number");
        assertThat(n.attr("min")).isEqualTo("1");
        assertThat(n.attr("max")).isEqualTo("10");
        assertThat(n.attr("step")).isEqualTo("1");
        assertThat(n.attr("value")).isEqualTo("3");
        assertThat(n.hasAttr("required")).isFalse();
        assertThat(form.selectFirst("#input-ratio").attr("step")).isEqualTo("any");
        assertThat(form.selectFirst("#input-flag").hasAttr("checked")).isTrue();
        Element colour = form.selectFirst("#input-colour");
        assertThat(colour.tagName()).isEqualTo("select");
        assertThat(colour.select("option").eachAttr("value")).containsExactly("red", "green");
        assertThat(colour.selectFirst("option[selected]").val()).isEqualTo("green");
        Element data = form.selectFirst("#input-data");
        assertThat(data.attr("type")).isEqualTo("file");
        assertThat(data.attr("data-max-size")).isEqualTo(String.valueOf(64 * 1024));
        assertThat(form.selectFirst("#help-data").text()).contains("at most 64 KB");
        assertThat(form.select("[data-error-for]").eachAttr("data-error-for"))
                .containsExactly("text", "long", "n", "ratio", "flag", "colour", "data");
        assertThat(form.selectFirst("form").attr("action")).isEqualTo("/processes/form/execution");
    }

    @Test
    void pages_forbid_inline_script_and_result_reports_are_sandboxed() throws IOException {
        HttpTestClient.Response page = http.get("/tasks/form", Map.of("Accept", BROWSER));
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");

        Path report = Scripts.write(dir.resolve("scripts"), "report.sh",
                "printf '<script>fetch(\"/jobs\")</script>' > \"$1/report.html\"");
        String yaml = """
                tasks:
                  report:
                    command: %s
                    outputs:
                      report: { file: report.html }
                """.formatted(Scripts.command(report, "{out}"));
        try (TestServer other = TestServer.start(dir.resolve("other"), yaml)) {
            String id = other.submit("report", "{}");
            other.awaitEnd(id);
            HttpTestClient.Response html = other.http().get("/jobs/" + id + "/results/report");

            assertThat(html.header("Content-Security-Policy")).startsWith("sandbox;").contains("default-src 'none'",
                    "frame-ancestors 'self'");
            assertThat(html.header("Content-Disposition")).isEqualTo("inline; filename=\"report.html\"");
            assertThat(other.http().get("/jobs/" + id + "/results/report.html").status()).as("by its file name too").isEqualTo(200);
        }
    }

    @Test
    void an_unknown_task_or_job_gets_a_not_found_page_naming_it_as_text() {
        HttpTestClient.Response task = http.get("/tasks/%3Cb%3Enope", Map.of("Accept", BROWSER));
        HttpTestClient.Response job = http.get("/jobs/%3Cb%3Enope", Map.of("Accept", BROWSER));

        assertThat(task.status()).isEqualTo(404);
        assertThat(html(task).selectFirst(".problem").text()).isEqualTo("There is no task '<b>nope'.");
        assertThat(job.status()).isEqualTo(404);
        assertThat(html(job).select("b")).isEmpty();
        assertThat(http.get("/jobs/nope").header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void the_scripts_and_style_sheet_come_from_the_jar_with_an_etag() {
        HttpTestClient.Response script = http.get("/assets/sluice.js");
        HttpTestClient.Response again = http.get("/assets/sluice.js", Map.of("If-None-Match", script.header("ETag")));

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.body()).contains("window.Sluice");
        assertThat(again.status()).isEqualTo(304);
        for (String part : List.of("sluice-index.js", "sluice-form.js", "sluice-files.js", "sluice-job.js")) {
            HttpTestClient.Response answer = http.get("/assets/" + part);
            assertThat(answer.status()).as(part).isEqualTo(200);
            assertThat(answer.body()).as(part).contains("S.on('");
        }
        assertThat(http.get("/assets/sluice.css").header("Content-Type")).startsWith("text/css");
        assertThat(http.get("/assets/nothing.js").status()).isEqualTo(404);
    }

    @Test
    void the_admin_page_and_status_show_workers_queues_and_broken_tasks() {
        String id = server.submit("shout", "{}");
        server.awaitStatus(id, "running");
        // why: a job is running once claimed; its process is registered a moment later
        await().atMost(TestServer.PATIENCE).until(() -> http.get("/admin/status").json().path("workers").size() == 1);

        var status = http.get("/admin/status").json();
        Document page = html(http.get("/admin", Map.of("Accept", BROWSER)));

        assertThat(status.path("workers")).hasSize(1);
        assertThat(status.path("workers").get(0).path("job").asText()).isEqualTo(id);
        assertThat(status.path("workers").get(0).path("pid").asLong()).isPositive();
        assertThat(status.path("workers").get(0).path("memory").asLong()).isPositive();
        assertThat(status.path("queues").path("default").path("running").asInt()).isEqualTo(1);
        assertThat(status.path("brokenTasks").isObject()).isTrue();
        assertThat(page.selectFirst("#workers").text()).contains(id, "shout", "exec");
        assertThat(page.selectFirst("#queues").text()).contains("default");
        assertThat(page.selectFirst("#admin-guard").text()).startsWith("No admin password is set").contains("only requests from this machine");
    }

    private static Document html(HttpTestClient.Response response) {
        return Jsoup.parse(response.body());
    }
}
