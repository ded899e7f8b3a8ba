package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.StartOptions;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.StoreFaults;
import dev.sluice.testing.TestServer;
import org.junit.jupiter.api.Test;

/** An Error thrown while a request is handled (a stack overflow deep in a library) still answers a problem document. */
class ErrorResponseTest extends ServerFixture {

    @Test
    void a_stack_overflow_while_handling_a_request_answers_a_problem_and_the_server_goes_on() {
        StoreFaults faults = new StoreFaults();
        server = TestServer.start(dir, "tasks:\n  noop:\n    command: [\"true\"]\n", StartOptions.DEFAULT.withStore(faults::wrap));
        String id = server.submit("noop", "{}");
        server.awaitEnd(id);
        faults.fail("find", args -> true, 1, new StackOverflowError("injected"));

        HttpTestClient.Response broken = server.http().get("/jobs/" + id);

        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.header("Content-Type")).startsWith("application/problem+json");
        assertThat(broken.json().path("type").asText()).endsWith("/internal-error");
        assertThat(broken.body()).doesNotContain("StackOverflowError", "at dev.sluice");
        assertThat(faults.injected()).isEqualTo(1);
        assertThat(server.http().get("/jobs/" + id).status()).isEqualTo(200);
    }
}
