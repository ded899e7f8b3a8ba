package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that is not valid YAML is refused at the line and column of the mistake, with its likely cause in words. */
class YamlSyntaxErrorsTest {

    @TempDir
    Path dir;

    @Test
    void a_tab_used_for_indentation_is_named_at_its_own_line() {
        assertThat(problems("tasks:\n  echo:\n\tcommand: [echo]\n")).singleElement(STRING)
                .startsWith("sluice.yaml:3:1: not valid YAML: a tab is used for indentation")
                .contains("spaces only");
    }

    @Test
    void a_key_indented_less_than_its_neighbours_says_how_far_to_indent_it() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n   queue: default\n")).singleElement(STRING)
                .isEqualTo("sluice.yaml:4:4: not valid YAML: this line is indented 3 spaces but the line before by 4 spaces:"
                        + " the keys of one mapping start in the same column; indent it by 4 spaces, or by fewer to end the"
                        + " mapping above");
    }

    @Test
    void a_key_indented_more_than_the_key_above_it_is_named_at_its_own_line() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n      queue: default\n")).singleElement(STRING)
                .startsWith("sluice.yaml:4:7: not valid YAML: this line is indented 6 spaces but the line before by 4 spaces");
    }

    @Test
    void an_unclosed_quote_is_named_where_it_opens() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo, \"hi]\n    queue: default\n")).singleElement(STRING)
                .startsWith("sluice.yaml:3:21: not valid YAML: the quote \" opened here is never closed");
    }

    @Test
    void an_unclosed_bracket_is_named_where_it_opens() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo, hi\n    queue: default\n")).singleElement(STRING)
                .startsWith("sluice.yaml:3:14: not valid YAML: the [ opened here is not closed; add ]");
    }

    @Test
    void a_line_without_a_colon_is_named_at_its_own_line() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    queue default\n    retries: 1\n")).singleElement(STRING)
                .startsWith("sluice.yaml:4:")
                .contains("not valid YAML");
    }

    @Test
    void a_value_starting_with_a_reserved_character_is_asked_to_be_quoted() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    title: , first\n")).singleElement(STRING)
                .startsWith("sluice.yaml:4:12: not valid YAML: a value cannot start with , here; put the value in quotes");
    }

    @Test
    void a_key_that_is_a_list_says_keys_are_plain_names() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    [title]: x\n")).singleElement(STRING)
                .startsWith("sluice.yaml:4:")
                .contains("keys are plain names")
                .doesNotContain("Event", "snakeyaml", "Scalar value");
    }

    @Test
    void no_message_names_the_parsers_inner_workings() {
        for (String text : List.of("tasks:\n  echo:\n    command: [[echo]]\n", "tasks:\n  - echo\n",
                "tasks:\n  echo:\n    command: [echo]\n    retries: [1]\n", "tasks:\n  echo: { command: [echo], env: [1] }\n",
                "tasks:\n  echo: { command: [echo], limits: { timeout: [1m] } }\n")) {
            assertThat(problems(text)).singleElement(STRING).as(text)
                    .contains("a list is not allowed here; write")
                    .doesNotContain("JsonToken", "START_ARRAY", "token", "java.", "com.fasterxml");
        }
    }

    private List<String> problems(String yaml) {
        return ConfigTexts.problems(dir, yaml);
    }
}
