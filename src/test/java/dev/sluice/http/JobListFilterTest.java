package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `GET /jobs?status=&processID=&datetime=&limit=` over real HTTP: each filter narrows, none widens who sees what. */
class JobListFilterTest extends ServerFixture {

    private Path release;
    private HttpTestClient alice;
    private HttpTestClient bob;
    private String alicesSuccess;
    private String alicesFailure;
    private String alicesRunning;
    private String alicesWaiting;
    private String bobsSuccess;

    @BeforeEach
    void twoSubmittersWithJobsInEveryState() {
        release = dir.resolve("release");
        Path hold = Scripts.write(dir.resolve("scripts"), "hold.sh", "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        server = TestServer.start(dir, "tasks:\n  ok:\n    command: [true]\n  bad:\n    command: [false]\n"
                + "  hold:\n    command: " + Scripts.command(hold) + "\n", Map.of("SLUICE_SERVER_AUTH_SUBMIT", "token"));
        alice = new HttpTestClient(server.http().base());
        bob = new HttpTestClient(server.http().base());
        alicesSuccess = submitAndAwait(alice, "ok", "successful");
        alicesFailure = submitAndAwait(alice, "bad", "failed");
        bobsSuccess = submitAndAwait(bob, "ok", "successful");
        alicesRunning = submitAndAwait(alice, "hold", "running");
        alicesWaiting = submitAndAwait(alice, "hold", "accepted");
    }

    @AfterEach
    void releaseHeldJobs() throws IOException {
        Files.writeString(release, "go");
    }

    @Test
    void req_job_list_status_response_narrows_to_the_named_states_as_a_comma_list_or_repeated() {
        assertThat(ids(alice, "?status=failed")).containsExactly(alicesFailure);
        assertThat(ids(alice, "?status=running,accepted")).containsExactly(alicesWaiting, alicesRunning);
        assertThat(ids(alice, "?status=successful&status=failed")).containsExactly(alicesFailure, alicesSuccess);
    }

    @Test
    void req_job_list_processid_response_narrows_to_the_named_tasks() {
        assertThat(ids(alice, "?processID=hold")).containsExactly(alicesWaiting, alicesRunning);
        assertThat(ids(alice, "?processID=ok&processID=bad")).containsExactly(alicesFailure, alicesSuccess);
        assertThat(ids(alice, "?processID=ok&status=failed")).isEmpty();
    }

    @Test
    void req_job_list_datetime_response_narrows_by_creation_time_with_open_and_closed_intervals() {
        Instant failureCreated = Instant.parse(alice.get("/jobs/" + alicesFailure).json().path("created").asText());
        List<String> all = ids(alice, "");

        assertThat(ids(alice, "?datetime=" + failureCreated + "/..")).contains(alicesFailure, alicesRunning, alicesWaiting)
                .isSubsetOf(all);
        assertThat(ids(alice, "?datetime=../" + failureCreated)).contains(alicesFailure).doesNotContain(alicesWaiting);
        assertThat(ids(alice, "?datetime=" + failureCreated)).contains(alicesFailure).doesNotContain(alicesWaiting);
        assertThat(ids(alice, "?datetime=2000-01-01T00:00:00Z/" + failureCreated.plusMillis(1))).contains(alicesFailure);
        assertThat(ids(alice, "?datetime=2999-01-01T00:00:00Z/..")).isEmpty();
        assertThat(ids(alice, "?datetime=../2000-01-01T00:00:00Z")).isEmpty();
    }

    @Test
    void req_job_list_limit_response_keeps_the_newest_matching_jobs() {
        assertThat(ids(alice, "?limit=2")).containsExactly(alicesWaiting, alicesRunning);
        assertThat(ids(alice, "?status=successful,failed&limit=1")).containsExactly(alicesFailure);
    }

    @Test
    void req_job_list_limit_response_pages_through_next_and_prev_links_that_keep_the_filters() {
        JsonNode first = alice.get("/jobs?limit=2&processID=ok,bad,hold").json();
        assertThat(first.path("jobs").findValuesAsText("jobID")).containsExactly(alicesWaiting, alicesRunning);
        String next = link(first, "next");
        assertThat(next).startsWith(server.http().base() + "/jobs?").contains("processID=ok%2Cbad%2Chold", "limit=2", "offset=2");
        assertThat(link(first, "prev")).isNull();

        JsonNode second = alice.get(next).json();
        assertThat(second.path("jobs").findValuesAsText("jobID")).containsExactly(alicesFailure, alicesSuccess);
        assertThat(link(second, "next")).as("no job is left").isNull();
        assertThat(alice.get(link(second, "prev")).json().path("jobs").findValuesAsText("jobID"))
                .containsExactly(alicesWaiting, alicesRunning);
        assertThat(ids(alice, "?offset=4")).isEmpty();
    }

    @Test
    void req_job_list_type_response_every_job_is_a_process_job() {
        assertThat(ids(alice, "?type=process")).hasSize(4);
        assertThat(ids(alice, "?type=other")).as("every job here is a process job").isEmpty();
    }

    @Test
    void req_job_list_duration_response_leaves_out_jobs_not_started() {
        assertThat(ids(alice, "?minDuration=0")).as("a job not started has no duration")
                .containsExactly(alicesRunning, alicesFailure, alicesSuccess);
        assertThat(ids(alice, "?maxDuration=86400")).containsExactly(alicesRunning, alicesFailure, alicesSuccess);
        assertThat(ids(alice, "?minDuration=86400")).as("nothing has run a day").isEmpty();
        assertThat(ids(alice, "?minDuration=0&status=successful,failed")).containsExactly(alicesFailure, alicesSuccess);
    }

    @Test
    void filters_never_show_a_caller_another_submitters_jobs() {
        assertThat(ids(bob, "?processID=ok,bad,hold&status=accepted,running,successful,failed,dismissed"))
                .containsExactly(bobsSuccess);
        assertThat(ids(bob, "?datetime=../..")).containsExactly(bobsSuccess);
        assertThat(ids(alice, "?processID=ok")).containsExactly(alicesSuccess);
        assertThat(ids(new HttpTestClient(server.http().base()), "?status=successful")).as("a caller without a token").isEmpty();
    }

    @Test
    void each_bad_value_is_a_400_naming_the_parameter_and_the_reason() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("?status=done", "status"), Map.entry("?status=", "status"), Map.entry("?status=running,,failed", "status"),
                Map.entry("?processID=", "processID"), Map.entry("?limit=0", "limit"), Map.entry("?limit=1001", "limit"),
                Map.entry("?limit=ten", "limit"), Map.entry("?datetime=yesterday", "datetime"),
                Map.entry("?datetime=2026-12-01T00:00:00Z/2026-12-02T00:00:00Z/..", "datetime"),
                Map.entry("?datetime=2026-12-05T00:00:00Z/2026-12-01T00:00:00Z", "datetime"), Map.entry("?datetime=..", "datetime"),
                Map.entry("?offset=-1", "offset"), Map.entry("?minDuration=-1", "minDuration"),
                Map.entry("?maxDuration=soon", "maxDuration"), Map.entry("?type=", "type"));
        bad.forEach((query, parameter) -> {
            HttpTestClient.Response r = alice.get("/jobs" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(query).startsWith("application/problem+json");
            assertThat(r.json().path("parameter").asText()).as(query).isEqualTo(parameter);
            assertThat(r.json().path("detail").asText()).as(query).startsWith("parameter '" + parameter + "' ");
        });
    }

    private String submitAndAwait(HttpTestClient client, String task, String state) {
        HttpTestClient.Response r = client.postJson("/processes/" + task + "/execution", "{\"inputs\": {}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("jobID").asText();
        Awaitility.await().atMost(TestServer.PATIENCE)
                .until(() -> client.get("/jobs/" + id).json().path("status").asText().equals(state));
        return id;
    }

    private static String link(JsonNode doc, String rel) {
        for (JsonNode link : doc.path("links")) {
            if (rel.equals(link.path("rel").asText())) {
                return link.path("href").asText();
            }
        }
        return null;
    }

    private static List<String> ids(HttpTestClient client, String query) {
        HttpTestClient.Response list = client.get("/jobs" + query);
        assertThat(list.status()).as(query + ": " + list.body()).isEqualTo(200);
        JsonNode jobs = list.json().path("jobs");
        return jobs.findValuesAsText("jobID");
    }
}
