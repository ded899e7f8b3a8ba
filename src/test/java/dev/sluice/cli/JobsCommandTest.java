package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(doc.path("links").isArray()).isTrue();
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
