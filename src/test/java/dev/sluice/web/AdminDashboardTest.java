package dev.sluice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The admin page's dashboard over real jobs: the list of every job with its filters and pages, Cancel and Retry,
 * and the figures of what finished by task and by queue.
 */
class AdminDashboardTest extends ServerFixture {

    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html");

    private void startWithTasks() {
        Path picky = Scripts.write(dir.resolve("scripts"), "picky.sh",
                "[ -e \"" + dir.resolve("allowed") + "\" ] || { echo 'not allowed yet' >&2; exit 3; }; wc -c < \"$1\"");
        Path gate = Scripts.write(dir.resolve("scripts"), "gate.sh", "while [ ! -e \"" + dir.resolve("open") + "\" ]; do sleep 0.05; done");
        start("""
                queues:
                  default: { concurrency: 2 }
                  side: { concurrency: 1 }
                tasks:
                  ok: { command: ["true"], queue: side }
                  bad: { command: ["false"] }
                  gate: { command: %s }
                  picky:
                    command: %s
                    inputs: { data: { type: file } }
                """.formatted(Scripts.command(gate), Scripts.command(picky, "{data}")));
    }

    @Test
    void the_jobs_list_narrows_by_task_and_state_and_pages_by_25() {
        startWithTasks();
        List<String> oks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            oks.add(server.submit("ok", "{}"));
        }
        String bad = server.submit("bad", "{}");
        oks.forEach(server::awaitEnd);
        server.awaitEnd(bad);

        Document first = page("/admin?task=ok");
        assertThat(first.select("#jobs tbody tr")).hasSize(25);
        assertThat(first.select("#jobs tbody tr td:eq(1)").eachText()).containsOnly("ok");
        assertThat(first.select("a[rel=next]").attr("href")).isEqualTo("/admin?task=ok&window=24h&span=1h&page=2");
        Document second = page(first.select("a[rel=next]").attr("href"));
        assertThat(second.select("#jobs tbody tr")).hasSize(5);
        assertThat(second.select("a[rel=prev]")).hasSize(1);
        assertThat(second.select(".paging span").text()).isEqualTo("Jobs 26–30");

        Document failed = page("/admin?state=failed");
        assertThat(failed.select("#jobs tbody tr")).hasSize(1);
        assertThat(failed.selectFirst("#jobs tbody tr").attr("data-job-id")).isEqualTo(bad);
        assertThat(failed.selectFirst("#jobs tbody tr").text()).contains("failed exit-code");
        assertThat(failed.select("#jobs button").eachText()).containsExactly("Retry");
        assertThat(failed.selectFirst("select[name=state] option[selected]").text()).isEqualTo("failed");
    }

    @Test
    void a_filter_value_the_page_does_not_offer_is_refused_with_its_name() {
        startWithTasks();
        for (String query : List.of("state=bogus", "task=nope", "window=1y", "page=0", "span=7d")) {
            Response answer = server.http().get("/admin?" + query, BROWSER);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(Jsoup.parse(answer.body()).select(".problem").text()).as(query).contains("'" + query.split("=")[0] + "'");
        }
    }

    @Test
    void cancel_from_the_page_dismisses_a_running_job_and_comes_back_to_the_same_filters() throws IOException {
        startWithTasks();
        String id = server.submit("gate", "{}");
        server.awaitStatus(id, "running");
        Document list = page("/admin?task=gate&state=running");
        Element form = list.selectFirst("tr[data-job-id=" + id + "] form");
        assertThat(form.attr("action")).isEqualTo("/admin/jobs/" + id + "/cancel");
        assertThat(form.selectFirst("button").attr("aria-label")).isEqualTo("Cancel job " + id.substring(24));

        Response answer = postForm(form.attr("action"),
                "back=" + java.net.URLEncoder.encode(form.selectFirst("input[name=back]").val(), StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/admin?task=gate&state=running&window=24h&span=1h");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("dismissed");
        Files.writeString(dir.resolve("open"), "go");
    }

    @Test
    void retry_submits_a_failed_job_again_with_a_copy_of_its_uploaded_file() throws IOException {
        startWithTasks();
        Response submitted = server.http().multipart("/processes/picky/execution",
                List.of(Part.file("data", "numbers.txt", "12345".getBytes(StandardCharsets.UTF_8))));
        String first = submitted.json().path("jobID").asText();
        assertThat(server.awaitEnd(first).path("status").asText()).isEqualTo("failed");
        Files.writeString(dir.resolve("allowed"), "yes");

        Response retried = server.http().post("/admin/jobs/" + first + "/retry", "application/json", new byte[0]);

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        String second = retried.json().path("jobID").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(retried.json().path("retryOf").asText()).isEqualTo(first);
        assertThat(retried.header("Location")).endsWith("/jobs/" + second);
        assertThat(server.awaitEnd(second).path("status").asText()).isEqualTo("successful");
        assertThat(server.http().get("/jobs/" + second + "/log").body()).contains("5");
        assertThat(dir.resolve("data/jobs/" + first + "/in")).isDirectory();
    }

    @Test
    void retry_is_refused_for_a_job_that_did_not_fail_or_does_not_exist() {
        startWithTasks();
        String ok = server.submit("ok", "{}");
        server.awaitEnd(ok);

        Response successful = server.http().post("/admin/jobs/" + ok + "/retry", "application/json", new byte[0]);
        Response missing = server.http().post("/admin/jobs/0123456789abcdef0123456789abcdef/retry", "application/json", new byte[0]);

        assertThat(successful.status()).isEqualTo(409);
        assertThat(successful.json().path("detail").asText()).contains("only a failed or dismissed job can be retried; this one is successful");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void the_figures_count_what_finished_by_task_and_queue_with_failures_by_reason() {
        startWithTasks();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(server.submit("ok", "{}"));
            ids.add(server.submit("bad", "{}"));
        }
        ids.forEach(server::awaitEnd);

        Document admin = page("/admin");

        Element ok = admin.selectFirst("#by-task tr[data-name=ok]");
        assertThat(ok.select("td").get(1).text()).isEqualTo("3");
        assertThat(ok.select("td").get(2).text()).isEqualTo("0");
        assertThat(ok.selectFirst("svg[role=img]").attr("aria-label")).startsWith("ok: 3 succeeded and 0 failed over the last hour");
        assertThat(ok.select("svg rect.bar-ok")).isNotEmpty();
        Element bad = admin.selectFirst("#by-task tr[data-name=bad]");
        assertThat(bad.select("td").get(2).text()).isEqualTo("3 (exit-code 3)");
        assertThat(admin.selectFirst("#by-task tr[data-name=gate]").select("td").get(1).text()).isEqualTo("0");
        assertThat(admin.selectFirst("#by-queue tr[data-name=side]").select("td").get(1).text()).isEqualTo("3");
        assertThat(admin.selectFirst("#by-queue tr[data-name=default]").select("td").get(2).text()).startsWith("3");
        assertThat(admin.selectFirst("#memory-meter")).isNotNull();
        assertThat(admin.selectFirst("#disk-meter")).isNotNull();
        assertThat(server.http().get("/admin/status").json().path("disk").path("total").asLong()).isPositive();
        assertThat(server.http().get("/admin/status").json().path("memory").path("budget").asLong()).isPositive();
    }

    private Document page(String path) {
        Response answer = server.http().get(path, BROWSER);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return Jsoup.parse(answer.body());
    }

    private Response postForm(String path, String body) {
        HttpRequest request = server.http().builder(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return server.http().send(request);
    }
}
