package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.ServerFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A submitter's job never lands in a shared cache, and caches learn which headers an answer depends on. */
class PrivateResponsesTest extends ServerFixture {

    @Test
    void job_documents_logs_results_events_and_pages_are_private_and_vary_by_caller() {
        start("tasks:\n  echo:\n    command: [sh, -c, 'echo hi > \"$1/echo.txt\"; echo logged', sh, '{out}']\n"
                + "    outputs: { echo: { file: echo.txt, type: string } }\n");
        String id = server.submit("echo", "{}");
        server.awaitEnd(id);

        for (String path : List.of("/jobs", "/jobs/" + id, "/jobs/" + id + "?f=html", "/jobs/" + id + "/log",
                "/jobs/" + id + "/results", "/jobs/" + id + "/results/echo", "/jobs/" + id + "/events",
                "/jobs/0123456789abcdef0123456789abcdef")) {
            HttpTestClient.Response r = server.http().get(path);
            assertThat(r.header("Cache-Control")).as(path).isEqualTo("private, no-store");
            assertThat(String.join(",", r.headers().allValues("Vary"))).as(path).contains("Accept", "Cookie", "Authorization");
        }
    }

    @Test
    void negotiated_process_routes_say_they_vary_by_accept() {
        start("tasks:\n  echo:\n    command: [\"true\"]\n");

        for (String path : List.of("/", "/processes", "/processes/echo")) {
            HttpTestClient.Response r = server.http().get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(String.join(",", r.headers().allValues("Vary"))).as(path).contains("Accept");
        }
    }
}
