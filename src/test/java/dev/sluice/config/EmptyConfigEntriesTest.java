package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An entry written without a value (`heavy:` alone, or `~`) is a config problem with its line, not a crash. Found by fuzzing. */
class EmptyConfigEntriesTest {

    @TempDir
    Path dir;

    @Test
    void an_empty_queue_is_named() {
        assertThat(problems("queues:\n  heavy:\ntasks:\n  echo: { command: [echo] }\n"))
                .containsExactly("sluice.yaml:2: queues.heavy: is empty; give the queue its settings, e.g. { concurrency: 1 }");
    }

    @Test
    void an_empty_task_is_named() {
        assertThat(problems("tasks:\n  echo:\n")).singleElement().asString().startsWith("sluice.yaml:2: tasks.echo: is empty");
    }

    @Test
    void an_empty_input_and_output_are_named() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    inputs:\n      text: ~\n    outputs:\n      report:\n"))
                .containsExactlyInAnyOrder(
                        "sluice.yaml:5: tasks.echo.inputs.text: is empty; an input needs at least its type, e.g. { type: string }",
                        "sluice.yaml:7: tasks.echo.outputs.report: is empty; an output needs its file, e.g. { file: result.txt }");
    }

    @Test
    void an_environment_variable_without_a_value_is_named() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    env:\n      LANG:\n"))
                .singleElement().asString().startsWith("sluice.yaml:5: tasks.echo.env.LANG: needs a value");
    }

    @Test
    void an_empty_item_in_a_list_is_named() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo, ~, x]\n"))
                .singleElement().asString().startsWith("sluice.yaml:").contains("empty item");
    }

    private List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().parse(yaml, "sluice.yaml", dir, Map.of()));
        assertThat(e).as("the config is refused").isNotNull();
        return e.problems();
    }
}
