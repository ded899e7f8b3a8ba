package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config that cannot work is refused with each problem's file, line and dotted key. */
class ConfigLoaderProblemsTest {

    @TempDir
    Path dir;

    @Test
    void an_unknown_top_level_key_is_named_with_its_line() {
        assertThat(problems("""
                server:
                  listen: 127.0.0.1:8080
                sever:
                  listen: 127.0.0.1:9090
                tasks:
                  echo: { command: [echo] }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:3: sever: unknown key")
                .contains("server", "storage", "tasks", "queues");
    }

    @Test
    void a_pattern_that_needs_backtracking_is_refused_with_its_line() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo, "{word}"]
                    inputs:
                      word: { type: string, pattern: "(a+)\\\\1" }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:5: tasks.echo.inputs.word.pattern: ")
                .contains("RE2", "backreferences");
    }

    @Test
    void max_disk_belongs_to_the_top_level_retention_and_keep_times_must_be_positive() {
        assertThat(problems("""
                retention: { keep: 0s, max-disk: 0B }
                tasks:
                  echo:
                    command: [echo]
                    retention: { keep: 7d, max-disk: 1GB }
                """)).containsExactlyInAnyOrder(
                "sluice.yaml:1: retention.keep: must be more than 0",
                "sluice.yaml:1: retention.max-disk: must be more than 0",
                "sluice.yaml:5: tasks.echo.retention.max-disk: applies to all jobs together; set it under the top-level retention");
    }

    @Test
    void an_unknown_nested_key_is_named_with_its_line() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo]
                    limts: { timeout: 5m }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:4: tasks.echo.limts: unknown key")
                .contains("limits");
    }

    @Test
    void a_value_of_the_wrong_type_is_named_with_its_line() {
        assertThat(problems("""
                queues:
                  heavy:
                    concurrency: many
                tasks:
                  echo: { command: [echo], queue: heavy }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:3: queues.heavy.concurrency: ")
                .contains("many");
    }

    @Test
    void a_bad_size_is_named_with_its_line() {
        assertThat(problems("""
                server:
                  max-upload: lots
                tasks:
                  echo: { command: [echo] }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:2: server.max-upload: ")
                .contains("'lots' is not a size");
    }

    @Test
    void a_bad_size_of_an_input_is_named_with_its_line() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo, "{picture}"]
                    inputs:
                      picture:
                        type: file
                        max-size: 12XB
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:7: tasks.echo.inputs.picture.max-size: ")
                .contains("'12XB' is not a size");
    }

    @Test
    void an_admin_password_written_in_plain_text_or_an_unknown_mode_is_refused() {
        assertThat(problems("""
                server:
                  auth:
                    submit: secret
                tasks:
                  echo: { command: [echo] }
                """)).singleElement(STRING).startsWith("sluice.yaml:3: server.auth.submit: ");
        assertThat(problems("""
                server:
                  auth:
                    admin: { user: admin, password-hash: hunter2 }
                tasks:
                  echo: { command: [echo] }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:3: server.auth.admin.password-hash: ")
                .contains("sluice hash-password");
    }

    @Test
    void a_bad_duration_is_named_with_its_line() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo]
                    limits:
                      threads: 2
                      timeout: soon
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:6: tasks.echo.limits.timeout: ")
                .contains("'soon' is not a duration");
    }

    @Test
    void a_duration_too_long_to_represent_is_a_problem_not_a_crash() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo]
                    limits: { timeout: 99999999999999999d }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:4: tasks.echo.limits.timeout: ");
    }

    // why: 200000d fits a Duration but not a deadline in nanoseconds, which a stop's drain computes from it
    @Test
    void a_drain_timeout_beyond_a_hundred_years_is_a_problem_not_a_failed_stop() {
        assertThat(problems("server: { drain-timeout: 200000d }\ntasks:\n  echo: { command: [echo] }\n")).singleElement(STRING)
                .startsWith("sluice.yaml:1: server.drain-timeout: ")
                .contains("'200000d' is too long a duration (at most 36500d, 100 years)");
    }

    @Test
    void a_fractional_count_is_refused_rather_than_rounded() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo]
                    retries: 1.5
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:4: tasks.echo.retries: ")
                .contains("1.5");
    }

    @Test
    void a_key_written_twice_is_refused_rather_than_overwritten() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo]
                tasks:
                  other:
                    command: [other]
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:4:1: not valid YAML: ")
                .contains("the key 'tasks' is written twice");
    }

    @Test
    void an_unknown_input_type_lists_the_known_ones() {
        assertThat(problems("""
                tasks:
                  paint:
                    command: [paint, "{shade}"]
                    inputs:
                      shade: { type: colour }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:5: tasks.paint.inputs.shade.type: ")
                .contains("'colour' is not one of: string, number, integer, boolean, file");
    }

    @Test
    void a_concurrency_of_zero_is_refused() {
        assertThat(problems("""
                queues:
                  heavy:
                    max-waiting: 5
                    concurrency: 0
                tasks:
                  echo: { command: [echo], queue: heavy }
                """)).singleElement(STRING)
                .isEqualTo("sluice.yaml:4: queues.heavy.concurrency: must be at least 1");
    }

    @Test
    void negative_retries_are_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo]
                    retries: -1
                """)).singleElement(STRING)
                .isEqualTo("sluice.yaml:4: tasks.echo.retries: cannot be negative");
    }

    @Test
    void a_negative_max_interruptions_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo]
                    limits: { max-interruptions: -1 }
                """)).singleElement(STRING)
                .isEqualTo("sluice.yaml:4: tasks.echo.limits.max-interruptions: cannot be negative");
    }

    @Test
    void a_minimum_above_the_maximum_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo, "{n}"]
                    inputs:
                      n:
                        type: integer
                        max: 5
                        min: 10
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:8: tasks.echo.inputs.n.min: ")
                .contains("10", "5");
    }

    @Test
    void a_default_that_breaks_its_own_checks_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo, "{n}"]
                    inputs:
                      n:
                        type: integer
                        max: 5
                        default: 50
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:8: tasks.echo.inputs.n.default: ")
                .contains("must be at most 5");
    }

    @Test
    void a_step_of_zero_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo, "{x}"]
                    inputs:
                      x:
                        type: number
                        step: 0
                """)).singleElement(STRING)
                .isEqualTo("sluice.yaml:7: tasks.echo.inputs.x.step: must be more than 0");
    }

    @Test
    void a_fractional_step_of_an_integer_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo, "{n}"]
                    inputs:
                      n: { type: integer, step: 0.5 }
                """)).singleElement(STRING)
                .isEqualTo("sluice.yaml:5: tasks.echo.inputs.n.step: must be a whole number for an integer input");
    }

    @Test
    void a_step_on_a_string_input_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo, "{s}"]
                    inputs:
                      s: { type: string, step: 2 }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:5: tasks.echo.inputs.s: ")
                .contains("step apply to number and integer inputs only");
    }

    @Test
    void a_default_off_its_step_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo, "{x}"]
                    inputs:
                      x:
                        type: number
                        min: 1
                        step: 0.5
                        default: 1.2
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:9: tasks.echo.inputs.x.default: ")
                .contains("1 plus a multiple of 0.5", "1 and 1.5");
    }

    @Test
    void an_accepted_media_type_the_server_cannot_recognise_is_named_with_its_line() {
        assertThat(problems("""
                tasks:
                  plot:
                    command: [plot, "{data}"]
                    inputs:
                      data:
                        type: file
                        accept:
                          - text/csv
                          - image/svg+xml
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:9: tasks.plot.inputs.data.accept[1]: 'image/svg+xml' is not a media type")
                .contains("image/png", "application/pdf", "text/csv", "application/json");
    }

    @Test
    void accept_on_a_string_input_is_refused() {
        assertThat(problems("""
                tasks:
                  plot:
                    command: [plot, "{name}"]
                    inputs:
                      name: { type: string, accept: [text/plain] }
                """)).singleElement(STRING)
                .isEqualTo("sluice.yaml:5: tasks.plot.inputs.name.accept: applies to file and image inputs only");
    }

    @Test
    void a_max_dimension_of_zero_is_refused() {
        assertThat(problems("""
                tasks:
                  compare:
                    command: [compare, "{photo}"]
                    inputs:
                      photo:
                        type: image
                        max-dimension: 0
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:7: tasks.compare.inputs.photo.max-dimension: must be at least 1");
    }

    @Test
    void max_dimension_on_a_file_input_is_refused() {
        assertThat(problems("""
                tasks:
                  compare:
                    command: [compare, "{photo}"]
                    inputs:
                      photo: { type: file, max-dimension: 4000 }
                """)).singleElement(STRING)
                .isEqualTo("sluice.yaml:5: tasks.compare.inputs.photo: max-dimension and max-pixels apply to image inputs only");
    }

    @Test
    void a_max_pixels_of_zero_is_refused() {
        assertThat(problems("""
                tasks:
                  compare:
                    command: [compare, "{photo}"]
                    inputs:
                      photo:
                        type: image
                        max-pixels: 0
                """)).singleElement(STRING)
                .isEqualTo("sluice.yaml:7: tasks.compare.inputs.photo.max-pixels: must be at least 1");
    }

    @Test
    void an_image_input_accepting_a_format_it_cannot_decode_is_refused() {
        assertThat(problems("""
                tasks:
                  compare:
                    command: [compare, "{photo}"]
                    inputs:
                      photo: { type: image, accept: [image/png, application/pdf] }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:5: tasks.compare.inputs.photo.accept[1]: 'application/pdf' is not an image format")
                .contains("image/png, image/jpeg, image/gif, image/bmp");
    }

    @Test
    void an_image_input_with_a_default_is_refused() {
        assertThat(problems("""
                tasks:
                  compare:
                    command: [compare, "{photo}"]
                    inputs:
                      photo:
                        type: image
                        default: cat.png
                """)).singleElement(STRING)
                .isEqualTo("sluice.yaml:7: tasks.compare.inputs.photo.default: an image input cannot have a default");
    }

    @Test
    void a_placeholder_naming_no_input_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command:
                      - echo
                      - "{message}"
                      - "--level={nope}"
                    inputs:
                      message: { type: string }
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:6: tasks.echo.command[2]: {nope} names no input")
                .contains("message");
    }

    @Test
    void a_task_naming_an_undeclared_queue_is_refused() {
        assertThat(problems("""
                queues:
                  heavy: { concurrency: 2 }
                tasks:
                  echo:
                    command: [echo]
                    queue: hevy
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:6: tasks.echo.queue: no queue named 'hevy'");
    }

    @Test
    void a_workdir_that_does_not_exist_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    command: [echo]
                    workdir: missing/bin
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:4: tasks.echo.workdir: ")
                .contains("missing/bin", "does not exist");
    }

    @Test
    void an_empty_command_is_refused() {
        assertThat(problems("""
                tasks:
                  echo:
                    title: Echo
                    command: []
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:4: tasks.echo.command: is required");
    }

    @Test
    void a_missing_command_is_reported_at_its_task() {
        assertThat(problems("""
                server:
                  listen: 127.0.0.1:8080
                tasks:
                  echo:
                    title: Echo
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:4: tasks.echo.command: is required");
    }

    @Test
    void a_config_without_tasks_is_refused() {
        assertThat(problems("""
                server:
                  listen: 127.0.0.1:8080
                tasks: {}
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:3: tasks: no tasks are declared");
    }

    @Test
    void invalid_yaml_is_reported_with_the_line_of_the_mistake() {
        assertThat(problems("""
                server:
                  listen: 127.0.0.1:8080
                tasks:
                  echo:
                    command: [echo]
                    title: Echo: the sequel
                """)).singleElement(STRING)
                .startsWith("sluice.yaml:6:16: not valid YAML: ")
                .contains("put the whole value in quotes");
    }

    @Test
    void a_file_that_is_not_a_mapping_is_refused() {
        assertThat(problems("- just\n- a list\n")).singleElement(STRING)
                .startsWith("sluice.yaml:1: the file must be a mapping");
    }

    @Test
    void several_problems_are_reported_together() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("""
                queues:
                  heavy: { concurrency: 0 }
                tasks:
                  echo:
                    command: [echo, "{nope}"]
                    retries: -2
                """));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "sluice.yaml:2: queues.heavy.concurrency: must be at least 1",
                "sluice.yaml:5: tasks.echo.command[1]: {nope} names no input; declared inputs: none",
                "sluice.yaml:6: tasks.echo.retries: cannot be negative");
        assertThat(e).hasMessageContainingAll(e.problems().toArray(String[]::new));
    }

    private List<String> problems(String yaml) {
        return ConfigTexts.problems(dir, yaml);
    }

    private SluiceConfig parse(String yaml) throws ConfigException {
        return ConfigTexts.parse(dir, yaml);
    }
}
