package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.testing.ConfigSchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every ```yaml example in README.md (and in docs/warm-workers.md) passes the published schema. An example that declares tasks, each with its
 * command, is a whole config; any other is a fragment placed at the top level of sluice.yaml, where the keys it
 * leaves out (a task's command, say) are not required. A fragment that is not top-level fails, as it should.
 */
class ReadmeConfigExamplesTest {

    private static final Path README = Path.of("README.md");
    private static final Path WARM_WORKERS = Path.of("docs", "warm-workers.md");

    /** One ```yaml block and the line its text starts on. */
    record Example(int line, String text) {
    }

    @Test
    void every_yaml_example_in_the_readme_passes_the_schema() throws IOException {
        List<Example> examples = examples(Files.readAllLines(README));

        assertThat(examples).as("```yaml blocks in README.md").hasSizeGreaterThanOrEqualTo(10);
        for (Example example : examples) {
            List<String> problems = isWholeConfig(example.text()) ? ConfigSchemaCheck.problems(example.text())
                    : ConfigSchemaCheck.fragmentProblems(example.text());
            assertThat(problems).as("README.md:%d (%s)", example.line(), isWholeConfig(example.text()) ? "whole config" : "fragment")
                    .isEmpty();
        }
    }

    @Test
    void the_yaml_examples_of_the_warm_worker_guide_pass_the_schema() throws IOException {
        List<Example> examples = examples(Files.readAllLines(WARM_WORKERS));

        assertThat(examples).as("```yaml blocks in %s", WARM_WORKERS).isNotEmpty();
        for (Example example : examples) {
            assertThat(isWholeConfig(example.text())).as("%s:%d is a whole config", WARM_WORKERS, example.line()).isTrue();
            assertThat(ConfigSchemaCheck.problems(example.text())).as("%s:%d", WARM_WORKERS, example.line()).isEmpty();
        }
    }

    @Test
    void the_config_reference_example_counts_as_a_whole_config() throws IOException {
        Example reference = examples(Files.readAllLines(README)).getFirst();

        assertThat(reference.text()).startsWith("server:");
        assertThat(isWholeConfig(reference.text())).isTrue();
        assertThat(ConfigSchemaCheck.problems(reference.text())).isEmpty();
    }

    @Test
    void a_fragment_that_belongs_inside_a_task_is_not_passed_as_top_level() {
        assertThat(ConfigSchemaCheck.fragmentProblems("limits: { timeout: 10m }\n"))
                .singleElement().asString().contains("limits");
    }

    static List<Example> examples(List<String> lines) {
        List<Example> found = new ArrayList<>();
        StringBuilder block = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (block == null && line.strip().equals("```yaml")) {
                block = new StringBuilder();
                start = i + 2;
            } else if (block != null && line.strip().equals("```")) {
                found.add(new Example(start, block.toString()));
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertThat(block).as("a ```yaml block in README.md that is never closed").isNull();
        return found;
    }

    private static boolean isWholeConfig(String yaml) {
        try {
            JsonNode tasks = new YAMLMapper().readTree(yaml).path("tasks");
            if (!tasks.isObject() || tasks.isEmpty()) {
                return false;
            }
            for (JsonNode task : tasks) {
                if (!task.has("command")) {
                    return false;
                }
            }
            return true;
        } catch (IOException notYaml) {
            throw new AssertionError("an example is not YAML: " + notYaml.getMessage(), notYaml);
        }
    }
}
