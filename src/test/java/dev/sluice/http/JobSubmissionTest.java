package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's life through the API: submitted with a status document, run with its inputs, logged, listed and cancelled. */
class JobSubmissionTest extends JobApiServer {

    // --- submission and status

    @Test
    void a_json_submission_is_created_with_a_location_and_a_status_document() {
        Response r = http.postJson("/processes/echo/execution", "{\"inputs\": {\"text\": \"hello\"}}");

        assertThat(r.status()).isEqualTo(201);
        JsonNode doc = r.json();
        String id = doc.path("jobID").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(r.header("Location")).isEqualTo(server.http().base() + "/jobs/" + id);
        assertThat(doc.path("status").asText()).isIn("accepted", "running");
        assertThat(doc.path("processID").asText()).isEqualTo("echo");
        assertThat(hrefOf(doc.path("links"), "self")).isEqualTo(server.http().base() + "/jobs/" + id);
        assertThat(hrefOf(doc.path("links"), "monitor")).isEqualTo(server.http().base() + "/jobs/" + id);
    }

    @Test
    void a_submitted_job_reaches_successful_with_a_link_to_its_results() {
        String id = server.submit("echo", "{\"text\": \"hello\"}");

        JsonNode doc = server.awaitEnd(id);

        assertThat(doc.path("status").asText()).as(doc.toString()).isEqualTo("successful");
        assertThat(hrefOf(doc.path("links"), StatusDocuments.RESULTS_REL)).isEqualTo(server.http().base() + "/jobs/" + id + "/results");
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
        String id = succeeded("echo", "{\"text\": \"hi\", \"n\": 7.0, \"flag\": true}");

        assertThat(http.get("/jobs/" + id + "/results/args").body()).isEqualTo("n=7 flag=true");
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
}
