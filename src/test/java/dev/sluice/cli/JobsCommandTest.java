package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.testing.TestServer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `sluice jobs` against a real server: its filters, its JSON output, its columns, and its wrong usage. */
class JobsCommandTest extends CliServer {

    @Test
    void status_task_since_and_limit_narrow_the_list() {
        String firstOk = submitAndAwaitEnd("ok");
        String failed = submitAndAwaitEnd("breaks");
        String secondOk = submitAndAwaitEnd("ok");

        assertThat(ids(sluice("jobs", "--status", "failed"))).containsExactly(failed);
        assertThat(ids(sluice("jobs", "--status", "failed,successful", "--task", "ok"))).containsExactly(secondOk, firstOk);
        assertThat(ids(sluice("jobs", "--task", "ok", "--task", "breaks", "--limit", "2"))).containsExactly(secondOk, failed);
        assertThat(ids(sluice("jobs", "--since", "1h"))).containsExactly(secondOk, failed, firstOk);
        assertThat(ids(sluice("jobs", "--since", "2999-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void json_prints_the_servers_document_as_it_is() {
        String id = submitAndAwaitEnd("ok");

        Run run = sluice("jobs", "--json");

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        JsonNode doc = TestServer.parse(run.out());
        assertThat(doc.path("jobs").get(0).path("jobID").asText()).isEqualTo(id);
        assertThat(doc.path("links").findValuesAsText("href")).isNotEmpty()
                .allSatisfy(href -> assertThat(href).startsWith(server.http().base() + "/jobs"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void a_message_with_a_tab_or_a_terminal_escape_keeps_its_row_in_line_and_the_escape_off_the_terminal() {
        String id = submit("chatty");
        await().atMost(TestServer.PATIENCE).until(() -> server.status(id).path("progress").asInt() == 50);
        submitAndAwaitEnd(LONG_TASK);

        Run run = sluice("jobs");

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).doesNotContain("\u001b", "\t");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        int created = lines.getFirst().indexOf("CREATED");
        int message = lines.getFirst().indexOf("MESSAGE");
        assertThat(lines.get(2)).contains(id);
        assertThat(lines.get(2).substring(message)).isEqualTo("tab here,  [2Jescape");
        for (String row : lines.subList(1, lines.size())) {
            assertThat(row.substring(created)).as(row).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        }
    }

    @Test
    void an_empty_list_says_on_stderr_whose_jobs_were_asked_for_and_how_to_see_the_others() {
        String tokens = dir.resolve("tokens").toString();
        String byCurl = server.submit("ok", "{}");
        server.awaitEnd(byCurl);

        Run beforeAnySubmit = sluice("jobs");

        assertThat(beforeAnySubmit.exit()).as(beforeAnySubmit.err()).isEqualTo(0);
        assertThat(beforeAnySubmit.out().lines().toList()).hasSize(1);
        assertThat(beforeAnySubmit.err().lines().toList()).hasSize(1);
        assertThat(beforeAnySubmit.err()).startsWith("sluice jobs: ").contains("there is no token for", tokens,
                "another token (curl, a browser)", "--token", "--user NAME", "list-all");

        String own = submitAndAwaitEnd("ok");
        Run filtered = sluice("jobs", "--task", "breaks", "--json");

        assertThat(TestServer.parse(filtered.out()).path("jobs").isEmpty()).isTrue();
        assertThat(filtered.err()).contains("the token remembered for " + server.http().base() + "/ in " + tokens);
        Run listed = sluice("jobs");
        assertThat(ids(listed)).containsExactly(own);
        assertThat(listed.err()).isEmpty();
    }

    @Test
    void columns_stay_aligned_with_a_long_task_name() {
        submitAndAwaitEnd("ok");
        submitAndAwaitEnd(LONG_TASK);

        Run run = sluice("jobs");

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        int created = lines.getFirst().indexOf("CREATED");
        int task = lines.getFirst().indexOf("TASK");
        assertThat(lines.get(1).substring(task)).startsWith(LONG_TASK);
        for (String row : lines.subList(1, lines.size())) {
            assertThat(row.substring(created)).as(row).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        }
    }

    @Test
    void bad_values_are_one_line_usage_errors_with_exit_code_2() {
        for (String[] args : List.of(new String[] {"--status", "done"}, new String[] {"--since", "soon"},
                new String[] {"--limit", "0"}, new String[] {"--limit", "ten"}, new String[] {"--task", ""})) {
            Run run = sluice(concat("jobs", args));

            assertThat(run.exit()).as(Arrays.toString(args)).isEqualTo(2);
            assertThat(run.err().lines().toList()).as(run.err()).hasSize(1);
            assertThat(run.err()).startsWith("sluice jobs: ").contains(args[0]);
        }
    }

    private static List<String> ids(Run run) {
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        return run.out().lines().skip(1).map(line -> line.split(" ")[0]).toList();
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
