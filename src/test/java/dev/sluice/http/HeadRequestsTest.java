package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient.Response;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HEAD answers what GET would, without the body (OGC API /rec/core/http-head, RFC 9110 9.3.2). */
class HeadRequestsTest extends JobApiServer {

    @Test
    void rec_core_http_head_answers_the_status_type_and_length_of_a_get_without_the_body() {
        String id = succeeded("echo", "{\"text\": \"hello\"}");
        for (String path : List.of("/jobs/" + id, "/jobs/" + id + "/results", "/jobs/" + id + "/results/echo",
                "/jobs/" + id + "/results/page", "/jobs/" + id + "/log", "/processes", "/", "/conformance",
                "/jobs/0123456789abcdef0123456789abcdef", "/processes/nope")) {
            Response get = http.get(path);
            Response head = head(path);

            assertThat(head.status()).as(path).isEqualTo(get.status());
            assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Length")).as(path).isEqualTo(String.valueOf(get.bytes().length));
            assertThat(head.bytes()).as(path).isEmpty();
        }
    }

    @Test
    void head_of_a_running_jobs_event_stream_answers_at_once_instead_of_following_it() {
        String id = server.submit("gate", "{}");
        server.awaitStatus(id, "running");

        Response head = head("/jobs/" + id + "/events");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
    }

    private Response head(String path) {
        return http.send(http.builder(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }
}
