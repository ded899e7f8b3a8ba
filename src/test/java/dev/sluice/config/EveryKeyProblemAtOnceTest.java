package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unknown keys and unreadable values are all reported in one run, in the file's order, each with a way to fix it. */
class EveryKeyProblemAtOnceTest {

    @TempDir
    Path dir;

    @Test
    void four_typos_are_reported_together_with_the_key_each_one_likely_meant() {
        List<String> problems = ConfigTexts.problems(dir, """
                sever:
                  listen: 127.0.0.1:8080
                tasks:
                  echo:
                    command: [echo]
                    limts: { timeout: 5m }
                    retires: 2
                    limits: { timout: 1m }
                """);

        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).startsWith("sluice.yaml:1: sever: unknown key; expected one of: ")
                .endsWith("; did you mean 'server'?");
        assertThat(problems.get(1)).startsWith("sluice.yaml:6: tasks.echo.limts: unknown key").endsWith("did you mean 'limits'?");
        assertThat(problems.get(2)).startsWith("sluice.yaml:7: tasks.echo.retires: unknown key").endsWith("did you mean 'retries'?");
        assertThat(problems.get(3)).startsWith("sluice.yaml:8: tasks.echo.limits.timout: unknown key")
                .endsWith("did you mean 'timeout'?");
    }

    @Test
    void bad_values_unknown_keys_and_impossible_values_come_in_one_list() {
        List<String> problems = ConfigTexts.problems(dir, """
                queues:
                  heavy: { concurrency: 0 }
                tasks:
                  echo:
                    command: [echo]
                    retries: many
                    queue: heavy
                    limits: { memory: lots, timeout: soon }
                    colour: red
                """);

        assertThat(problems).containsExactly(
                "sluice.yaml:2: queues.heavy.concurrency: must be at least 1",
                "sluice.yaml:6: tasks.echo.retries: 'many' is not a whole number",
                "sluice.yaml:8: tasks.echo.limits.memory: 'lots' is not a size such as 512KB, 110MB or 1.5GB",
                "sluice.yaml:8: tasks.echo.limits.timeout: 'soon' is not a duration such as 30s, 10m, 2h or 7d",
                "sluice.yaml:9: tasks.echo.colour: unknown key; expected one of: command, description, env, inputs, limits, mode,"
                        + " outputs, preflight, priority, queue, retention, retries, sandbox, sync, title, workdir");
    }

    @Test
    void a_value_taken_out_for_being_unreadable_is_not_reported_again_as_missing() {
        assertThat(ConfigTexts.problems(dir, """
                tasks:
                  echo:
                    command: { program: echo }
                """)).containsExactly("sluice.yaml:3: tasks.echo.command: a mapping is not allowed here; write a list such as [a, b]");
    }

    @Test
    void a_task_that_is_a_list_is_reported_once_and_the_other_tasks_are_still_checked() {
        assertThat(ConfigTexts.problems(dir, """
                tasks:
                  one: [echo]
                  two:
                    command: [echo]
                    retries: -1
                """)).containsExactly(
                "sluice.yaml:2: tasks.one: a list is not allowed here; write a mapping of keys to values",
                "sluice.yaml:5: tasks.two.retries: cannot be negative");
    }

    @Test
    void an_empty_item_of_a_list_is_named_at_its_own_place_and_the_rest_is_still_checked() {
        assertThat(ConfigTexts.problems(dir, """
                tasks:
                  echo:
                    retries: -1
                    command: [echo, ~]
                """)).containsExactly(
                "sluice.yaml:3: tasks.echo.retries: cannot be negative",
                "sluice.yaml:4: tasks.echo.command[1]: this list holds an empty item (~, or nothing between two commas);"
                        + " remove it or give it a value");
    }

    @Test
    void a_file_with_hundreds_of_mistakes_lists_the_first_ones_and_says_it_stopped() {
        StringBuilder text = new StringBuilder("tasks:\n");
        for (int i = 0; i < 150; i++) {
            text.append("  t").append(i).append(":\n    command: [echo]\n    colour: red\n    retries: x\n");
        }

        List<String> problems = ConfigTexts.problems(dir, text.toString());

        assertThat(problems).hasSize(ConfigBinder.MAX_ROUNDS + 1);
        assertThat(problems.getFirst()).isEqualTo("sluice.yaml:1: stopped after 200 unknown keys and unreadable values;"
                + " fix these and check again for the rest");
        assertThat(problems.get(1)).startsWith("sluice.yaml:4: tasks.t0.colour: unknown key");
    }

    @Test
    void a_memory_limit_over_the_node_budget_names_both_keys_to_change() {
        assertThat(ConfigTexts.problems(dir, """
                node: { memory-budget: 1GB }
                tasks:
                  echo: { command: [echo], limits: { memory: 2GB } }
                """)).containsExactly("sluice.yaml:3: tasks.echo.limits.memory: 2 GB is more than node.memory-budget (1 GB):"
                + " no job of this task could ever start; lower it or raise node.memory-budget");
    }
}
