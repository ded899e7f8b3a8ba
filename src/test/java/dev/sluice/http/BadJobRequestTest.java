package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Response;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Asking for a process, job, result or route that is not there, or not ready, is a problem document; so is a full queue. */
class BadJobRequestTest extends ProblemServer {

    // --- processes

    @Test
    void an_unknown_process_is_not_found() {
        JsonNode problem = assertProblem(http.postJson("/processes/nope/execution", "{\"inputs\": {}}"), 404);

        assertThat(problem.path("detail").asText()).contains("nope");
    }

    @Test
    void the_description_of_an_unknown_process_is_not_found() {
        assertProblem(http.get("/processes/nope"), 404);
    }

    // --- jobs

    @Test
    void an_unknown_job_id_is_not_found() {
        assertProblem(http.get("/jobs/0123456789abcdef0123456789abcdef"), 404);
    }

    @Test
    void a_job_id_that_is_a_path_is_not_found() {
        assertProblem(http.get("/jobs/..%2F..%2Fetc%2Fpasswd"), 404);
    }

    @Test
    void a_job_path_that_climbs_above_the_root_is_a_client_problem() {
        // why: Jetty refuses such a path before routing (400); it must still answer with a problem document
        assertClientProblem(http.get("/jobs/../../etc/passwd"));
    }

    @Test
    void a_job_id_that_is_a_short_number_is_not_found() {
        assertProblem(http.get("/jobs/123"), 404);
    }

    @Test
    void the_results_of_a_malformed_job_id_are_not_found() {
        assertProblem(http.get("/jobs/123/results/echo"), 404);
    }

    @Test
    void results_of_a_running_job_are_not_ready() {
        String id = server.submit("gate", "{}");
        server.awaitStatus(id, "running");

        JsonNode problem = assertProblem(http.get("/jobs/" + id + "/results"), 404);

        assertThat(problem.path("type").asText()).endsWith("/result-not-ready");
    }

    @Test
    void results_of_a_queued_job_are_not_ready() {
        String running = server.submit("gate", "{}");
        server.awaitStatus(running, "running");
        String queued = server.submit("gate", "{}");

        JsonNode problem = assertProblem(http.get("/jobs/" + queued + "/results"), 404);

        assertThat(server.status(queued).path("status").asText()).isEqualTo("accepted");
        assertThat(problem.path("type").asText()).endsWith("/result-not-ready");
    }

    @Test
    void a_result_file_of_a_running_job_is_not_ready() {
        String id = server.submit("gate", "{}");
        server.awaitStatus(id, "running");

        JsonNode problem = assertProblem(http.get("/jobs/" + id + "/results/done"), 404);

        assertThat(problem.path("type").asText()).endsWith("/result-not-ready");
    }

    @Test
    void results_of_a_job_that_exited_with_an_error_are_a_500_saying_why() {
        String id = server.submit("fail", "{}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("failed");

        JsonNode problem = assertProblem(http.get("/jobs/" + id + "/results"), 500);

        assertThat(problem.path("detail").asText()).contains("failed (exit-code)", "going wrong");
        assertThat(problem.path("reason").asText()).isEqualTo("exit-code");
    }

    @Test
    void an_output_name_that_is_not_declared_is_not_found() {
        String id = server.submit("echo", "{\"text\": \"hi\"}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");

        JsonNode problem = assertProblem(http.get("/jobs/" + id + "/results/secret"), 404);

        assertThat(problem.path("detail").asText()).contains("secret");
    }

    @Test
    void a_range_that_starts_past_the_end_of_a_result_file_is_not_satisfiable() {
        String id = server.submit("echo", "{\"text\": \"hi\"}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");

        Response r = http.get("/jobs/" + id + "/results/echo", Map.of("Range", "bytes=100-200"));

        assertProblem(r, 416);
        assertThat(r.header("Content-Range")).isEqualTo("bytes */2");
    }

    @Test
    void deleting_a_finished_job_while_keeping_finished_ones_is_a_conflict() {
        String id = server.submit("echo", "{\"text\": \"hi\"}");
        assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");

        JsonNode problem = assertProblem(http.delete("/jobs/" + id + "?finished=keep"), 409);

        assertThat(problem.path("detail").asText()).contains("successful");
        assertThat(server.status(id).path("status").asText()).isEqualTo("successful");
    }

    @Test
    void deleting_an_unknown_job_is_not_found() {
        assertProblem(http.delete("/jobs/0123456789abcdef0123456789abcdef"), 404);
    }

    @Test
    void a_full_queue_answers_503_with_retry_after() {
        String running = server.submit("gate", "{}");
        server.awaitStatus(running, "running");
        server.submit("gate", "{}");
        server.submit("gate", "{}");

        Response r = http.postJson("/processes/gate/execution", "{\"inputs\": {}}");

        JsonNode problem = assertProblem(r, 503);
        assertThat(r.header("Retry-After")).isNotNull().matches("[1-9][0-9]*");
        assertThat(problem.path("detail").asText()).contains("default");
        assertThat(http.get("/jobs").json().path("jobs")).hasSize(3);
    }

    // --- routes

    @Test
    void an_unknown_route_is_a_not_found_problem() {
        assertProblem(http.get("/no/such/route"), 404);
    }

    @Test
    void a_method_that_a_route_does_not_take_is_a_problem() {
        Response r = http.send(http.builder("/processes").PUT(HttpRequest.BodyPublishers.noBody()).build());

        assertClientProblem(r);
    }
}
