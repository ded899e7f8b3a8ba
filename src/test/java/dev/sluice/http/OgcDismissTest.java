package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The dismiss conformance class of OGC API – Processes – Part 1 (/conf/dismiss), requirement by requirement:
 * DELETE on a job cancels a queued or running one and removes a finished one with its results and files.
 */
class OgcDismissTest extends JobApiServer {

    private static final String EXCEPTIONS = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

    @Test
    void req_dismiss_job_dismiss_op_removes_a_finished_job_its_results_and_its_folder() {
        String id = succeeded("echo", "{\"text\": \"bye\"}");
        Path folder = server.dataDir().resolve("jobs").resolve(id);
        assertThat(folder).exists();

        Response dismissed = http.delete("/jobs/" + id);

        assertThat(dismissed.status()).isEqualTo(200);
        assertThat(dismissed.json().path("jobID").asText()).isEqualTo(id);
        assertThat(dismissed.json().path("status").asText()).isEqualTo("dismissed");
        assertThat(folder).doesNotExist();
        for (String route : new String[] {"", "/results", "/log"}) {
            Response gone = http.get("/jobs/" + id + route);
            assertThat(gone.status()).as(route).isEqualTo(404);
            assertThat(gone.json().path("type").asText()).as(route).isEqualTo(EXCEPTIONS + "no-such-job");
        }
        assertThat(http.get("/jobs").json().path("jobs").findValuesAsText("jobID")).doesNotContain(id);
        assertThat(http.delete("/jobs/" + id).status()).as("a second dismiss").isEqualTo(404);
    }

    @Test
    void req_dismiss_job_dismiss_op_cancels_a_running_job_and_keeps_it_as_dismissed() throws Exception {
        String id = server.submit("gate", "{}");
        server.awaitStatus(id, "running");

        Response dismissed = http.delete("/jobs/" + id);

        assertThat(dismissed.status()).isEqualTo(200);
        assertThat(dismissed.json().path("status").asText()).isEqualTo("dismissed");
        JsonNode after = server.awaitEnd(id);
        assertThat(after.path("status").asText()).isEqualTo("dismissed");
        assertThat(http.get("/jobs/" + id).status()).isEqualTo(200);
    }

    @Test
    void req_dismiss_job_dismiss_op_dismisses_a_queued_job_before_it_runs() {
        String gate = server.submit("gate", "{}");
        server.awaitStatus(gate, "running");
        String queued = server.submit("echo", "{\"text\": \"never\"}");
        assertThat(server.status(queued).path("status").asText()).isEqualTo("accepted");

        Response dismissed = http.delete("/jobs/" + queued);

        assertThat(dismissed.status()).isEqualTo(200);
        assertThat(dismissed.json().path("status").asText()).isEqualTo("dismissed");
        assertThat(server.status(queued).path("status").asText()).as("at once, not when its turn comes").isEqualTo("dismissed");
        assertThat(server.status(queued).has("started")).as("it never ran").isFalse();
    }

    /** The answer is a status document (statusInfo.yaml) saying dismissed, whether the job waited, ran or had ended. */
    @Test
    void req_dismiss_job_dismiss_success() {
        String finished = succeeded("echo", "{\"text\": \"done\"}");
        String running = server.submit("gate", "{}");
        server.awaitStatus(running, "running");
        String queued = server.submit("echo", "{\"text\": \"wait\"}");

        for (String id : new String[] {finished, running, queued}) {
            Response answer = http.delete("/jobs/" + id);
            assertThat(answer.status()).as(id).isEqualTo(200);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            JsonNode status = answer.json();
            assertThat(status.path("jobID").asText()).isEqualTo(id);
            assertThat(status.path("status").asText()).isEqualTo("dismissed");
            assertThat(status.path("type").asText()).isEqualTo("process");
            assertThat(status.path("processID").isTextual()).isTrue();
            assertThat(status.path("links").isArray()).isTrue();
        }
    }

    /** Whatever moment of its life the dismiss reaches a job in (queued, running, just ended), the answer says dismissed. */
    @Test
    void a_job_dismissed_at_once_is_dismissed_whether_it_waited_ran_or_had_just_ended() {
        for (int i = 0; i < 40; i++) {
            String id = server.submit("echo", "{\"text\": \"race\"}");

            Response answer = http.delete("/jobs/" + id);

            assertThat(answer.status()).as(id).isEqualTo(200);
            assertThat(answer.json().path("status").asText()).as(id + ": " + answer.body()).isEqualTo("dismissed");
            if (http.get("/jobs/" + id).status() != 404) {
                assertThat(server.awaitEnd(id).path("status").asText()).as(id + ", kept: it had not ended").isEqualTo("dismissed");
            }
        }
    }

    @Test
    void finished_keep_leaves_a_finished_job_and_its_results_alone() throws Exception {
        String id = succeeded("echo", "{\"text\": \"stay\"}");

        Response refused = http.delete("/jobs/" + id + "?finished=keep");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("type").asText()).endsWith("/job-finished");
        assertThat(http.get("/jobs/" + id + "/results").status()).isEqualTo(200);
        assertThat(Files.exists(server.dataDir().resolve("jobs").resolve(id))).isTrue();
    }
}
