package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** `sluice cancel` and `sluice tail` against a real server, with real job processes. */
class CancelAndTailTest extends CliServer {

    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef";

    @Test
    void cancel_of_a_running_job_dismisses_it_and_its_process_is_gone() {
        String id = submit("hold");
        server.awaitStatus(id, "running");
        await().atMost(TestServer.PATIENCE).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long pid = Scripts.pidIn(pidFile);

        Run run = sluice("cancel", id);

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains(id + " dismissed");
        assertThat(server.status(id).path("status").asText()).isEqualTo("dismissed");
        await().atMost(TestServer.PATIENCE).until(() -> !Scripts.alive(pid));
    }

    @Test
    void cancel_of_a_finished_job_says_so_and_exits_0() {
        String id = submitAndAwaitEnd("ok");

        Run run = sluice("cancel", id);

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains(id + " successful (it had already finished)");
    }

    @Test
    void cancel_json_prints_the_status_document_with_absolute_links_and_nothing_else() {
        String id = submit("hold");
        server.awaitStatus(id, "running");

        Run run = sluice("cancel", id, "--json");

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        JsonNode doc = TestServer.parse(run.out());
        assertThat(doc.path("jobID").asText()).isEqualTo(id);
        assertThat(doc.path("status").asText()).isEqualTo("dismissed");
        assertThat(doc.path("links").findValuesAsText("href")).isNotEmpty()
                .allSatisfy(href -> assertThat(href).startsWith(server.http().base() + "/jobs/" + id));
    }

    @Test
    void cancel_of_an_unknown_job_prints_the_servers_detail_and_exits_1() {
        Run run = sluice("cancel", UNKNOWN);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("sluice cancel: there is no job '" + UNKNOWN + "'");
    }

    @Test
    void tail_prints_the_lines_of_a_job_in_order_as_they_come_and_exits_0_when_it_succeeds() throws Exception {
        String id = submit("lines");
        server.awaitStatus(id, "running");
        CompletableFuture<Run> tail = CompletableFuture.supplyAsync(() -> sluice("tail", id));
        // why: the lines come after the release, a moment after the tail starts, so most arrive live on its stream
        Files.writeString(release, "go");

        Run run = tail.get(TestServer.PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out().lines().toList()).containsExactly("line 1", "line 2", "line 3", "line 4", "line 5");
        assertThat(run.err()).contains("successful");
    }

    @Test
    void tail_shows_the_control_characters_a_job_printed_as_spaces() throws Exception {
        String id = submit("chatty");
        server.awaitStatus(id, "running");
        Files.writeString(release, "go");
        server.awaitEnd(id);

        Run run = sluice("tail", id);

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("tab here,  [2Jescape").doesNotContain("\u001b").doesNotContain("\t");
    }

    @Test
    void tail_of_a_job_that_fails_prints_its_lines_and_reason_and_exits_1() {
        String id = submit("breaks");
        server.awaitEnd(id);

        Run run = sluice("tail", id);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines().toList()).containsExactly("about to fail");
        assertThat(run.err()).contains("failed (");
    }

    @Test
    void tail_of_a_cancelled_job_exits_3_and_of_an_unknown_job_exits_1() {
        String id = submit("hold");
        server.awaitStatus(id, "running");
        assertThat(sluice("cancel", id).exit()).isEqualTo(0);

        assertThat(sluice("tail", id).exit()).isEqualTo(3);
        Run unknown = sluice("tail", UNKNOWN);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("there is no job");
    }
}
