package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job-list conformance class of OGC API – Processes – Part 1 (/req/job-list/…), each test named after the
 * requirement it pins; JobListFilterTest pins the filters' narrowing in more cases. Jobs: a quick one, a failed one,
 * one dismissed while it ran, two running (held), and one waiting behind them.
 */
class OgcJobListRequirementsTest extends ServerFixture {

    private static final Set<String> STATES = Set.of("accepted", "running", "successful", "failed", "dismissed");

    private Path release;
    private HttpTestClient http;
    private String quick;
    private String failed;
    private String running;
    private String dismissed;
    private String waiting;

    @BeforeEach
    void jobsInEveryState() {
        release = dir.resolve("release");
        Path hold = Scripts.write(dir.resolve("scripts"), "hold.sh", "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        start("""
                tasks:
                  quick: { command: [\"true\"] }
                  slow: { command: [sleep, \"3.5\"], queue: side }
                  bad: { command: [\"false\"] }
                  hold: { command: %s }
                queues:
                  default: { concurrency: 2, max-waiting: 200 }
                  side: { concurrency: 1 }
                """.formatted(Scripts.command(hold)));
        http = server.http();
        quick = ended("quick", "successful");
        failed = ended("bad", "failed");
        dismissed = server.submit("hold", "{}");
        server.awaitStatus(dismissed, "running");
        assertThat(http.delete("/jobs/" + dismissed).status()).isEqualTo(200);
        assertThat(server.awaitEnd(dismissed).path("status").asText()).isEqualTo("dismissed");
        running = server.submit("hold", "{}");
        server.awaitStatus(running, "running");
        server.awaitStatus(server.submit("hold", "{}"), "running");
        waiting = server.submit("hold", "{}");
        assertThat(server.status(waiting).path("status").asText()).as("both places are taken").isEqualTo("accepted");
    }

    @AfterEach
    void releaseHeldJobs() throws IOException {
        Files.writeString(release, "go");
    }

    @Test
    void req_job_list_job_list_op() {
        Response list = http.get("/jobs");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Content-Type")).startsWith("application/json");
        assertThat(ids("")).contains(quick, failed, running, dismissed, waiting);
    }

    @Test
    void req_job_list_job_list_success() {
        JsonNode list = http.get("/jobs").json();

        assertThat(list.path("jobs").isArray()).isTrue();
        assertThat(list.path("links").isArray()).isTrue();
        list.path("links").forEach(link -> assertThat(link.path("href").isTextual()).as(link.toString()).isTrue());
        for (JsonNode job : list.path("jobs")) {
            assertThat(job.path("jobID").isTextual()).as(job.toString()).isTrue();
            assertThat(job.path("type").asText()).isEqualTo("process");
            assertThat(job.path("status").asText()).isIn(STATES);
            Instant.parse(job.path("created").asText());
            if (job.has("progress")) {
                assertThat(job.path("progress").asInt()).isBetween(0, 100);
            }
        }
    }

    @Test
    void req_job_list_links() {
        JsonNode links = http.get("/jobs?status=successful").json().path("links");

        String self = JobApiServer.hrefOf(links, "self");
        assertThat(self).startsWith(http.base() + "/jobs?").contains("status=successful");
        assertThat(http.get(self).json().path("jobs").findValuesAsText("jobID")).containsExactlyElementsOf(ids("?status=successful"));
        JsonNode alternate = null;
        for (JsonNode link : links) {
            if (link.path("rel").asText().equals("alternate")) {
                alternate = link;
            }
        }
        assertThat(alternate).as("a link to the page").isNotNull();
        assertThat(alternate.path("type").asText()).isEqualTo("text/html");
        Response page = http.get(alternate.path("href").asText());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
    }

    @Test
    void req_job_list_processid_mandatory() {
        for (JsonNode job : http.get("/jobs").json().path("jobs")) {
            assertThat(job.path("processID").isTextual()).as(job.toString()).isTrue();
            assertThat(http.get("/jobs/" + job.path("jobID").asText()).json().path("processID").asText())
                    .isEqualTo(job.path("processID").asText());
        }
    }

    @Test
    void req_job_list_processid_definition_and_response() {
        assertThat(ids("?processID=bad")).containsExactly(failed);
        assertThat(ids("?processID=bad&processID=quick")).containsExactly(failed, quick);
        assertThat(ids("?processID=bad,quick")).containsExactly(failed, quick);
        assertThat(ids("?processID=nobody")).isEmpty();
    }

    @Test
    void req_job_list_status_definition_and_response() {
        assertThat(ids("?status=failed")).containsExactly(failed);
        assertThat(ids("?status=dismissed&status=failed")).containsExactly(dismissed, failed);
        assertThat(ids("?status=dismissed,failed")).containsExactly(dismissed, failed);
        for (String state : STATES) {
            http.get("/jobs?status=" + state).json().path("jobs")
                    .forEach(job -> assertThat(job.path("status").asText()).isEqualTo(state));
        }
    }

    @Test
    void req_job_list_type_definition_and_response() {
        assertThat(ids("?type=process")).as("every job is a process job").containsExactlyElementsOf(ids(""));
        assertThat(ids("?type=process&type=other")).containsExactlyElementsOf(ids(""));
        assertThat(ids("?type=other")).isEmpty();
    }

    @Test
    void req_job_list_datetime_definition_and_response() {
        Instant created = Instant.parse(http.get("/jobs/" + failed).json().path("created").asText());
        String at = created.toString();
        String offset = created.atOffset(ZoneOffset.ofHours(2)).toString();

        assertThat(ids("?datetime=" + at)).containsExactly(failed);
        assertThat(ids("?datetime=" + offset.replace("+", "%2B"))).as("RFC 3339 with an offset").containsExactly(failed);
        assertThat(ids("?datetime=" + at.toLowerCase())).as("RFC 3339's lower-case t and z").containsExactly(failed);
        assertThat(ids("?datetime=" + at + "/" + at)).containsExactly(failed);
        assertThat(ids("?datetime=../" + at)).containsExactly(failed, quick);
        assertThat(ids("?datetime=/" + at)).as("an empty start is open").containsExactlyElementsOf(ids("?datetime=../" + at));
        assertThat(ids("?datetime=" + at + "/..")).contains(failed, running).doesNotContain(quick);
        assertThat(ids("?datetime=" + at + "/")).as("an empty end is open").containsExactlyElementsOf(ids("?datetime=" + at + "/.."));
        for (JsonNode job : http.get("/jobs?datetime=../" + at).json().path("jobs")) {
            assertThat(Instant.parse(job.path("created").asText())).isBeforeOrEqualTo(created);
        }
    }

    @Test
    void req_job_list_duration_definition_and_response() {
        String slow = server.submit("slow", "{}");
        assertThat(server.awaitEnd(slow).path("status").asText()).isEqualTo("successful");
        String ended = "&status=successful,failed,dismissed";
        assertThat(ids("?minDuration=3" + ended)).as("only the slow job ran 3 s").containsExactly(slow);
        assertThat(ids("?maxDuration=2")).as("jobs that ran at most 2 s; none waiting, having no duration")
                .contains(quick, failed, dismissed).doesNotContain(slow, waiting);
        assertThat(ids("?minDuration=0")).contains(running).doesNotContain(waiting);
        assertThat(ids("?minDuration=0&maxDuration=2&status=successful")).contains(quick).doesNotContain(slow);
        assertThat(ids("?minDuration=3&maxDuration=4" + ended)).containsExactly(slow);
        Awaitility.await().atMost(TestServer.PATIENCE).untilAsserted(() ->
                assertThat(ids("?minDuration=4")).as("a running job's duration grows until now").contains(running));
    }

    @Test
    void req_job_list_limit_definition_and_response() {
        JsonNode parameter = null;
        for (JsonNode p : http.get("/api").json().at("/paths/~1jobs/get/parameters")) {
            if (p.path("$ref").asText().endsWith("/limit")) {
                parameter = http.get("/api").json().at("/components/parameters/limit");
            }
        }
        assertThat(parameter).as("the description names limit").isNotNull();
        JsonNode schema = parameter.path("schema");
        assertThat(schema.path("type").asText()).isEqualTo("integer");
        assertThat(schema.path("minimum").asInt()).isEqualTo(1);
        int maximum = schema.path("maximum").asInt();
        int byDefault = schema.path("default").asInt();

        assertThat(ids("?limit=2")).hasSize(2);
        assertThat(ids("?limit=" + maximum)).hasSizeLessThanOrEqualTo(maximum);
        assertThat(http.get("/jobs?limit=" + (maximum + 1)).status()).as("over the maximum").isEqualTo(400);
        assertThat(http.get("/jobs?limit=0").status()).isEqualTo(400);
        for (int i = ids("").size(); i <= byDefault; i++) {
            server.submit("quick", "{}");
        }
        JsonNode page = http.get("/jobs").json();
        assertThat(page.path("jobs").size()).as("the default limit").isEqualTo(byDefault);
        assertThat(JobApiServer.hrefOf(page.path("links"), "next")).isNotNull();
    }

    private String ended(String task, String state) {
        String id = server.submit(task, "{}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo(state);
        return id;
    }

    private List<String> ids(String query) {
        Response list = http.get("/jobs" + query);
        assertThat(list.status()).as(query + ": " + list.body()).isEqualTo(200);
        return list.json().path("jobs").findValuesAsText("jobID");
    }
}
