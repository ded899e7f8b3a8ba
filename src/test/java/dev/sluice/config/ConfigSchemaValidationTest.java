package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.testing.ConfigSchemaCheck;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configs the parser refuses for their shape fail the schema too, naming the place; configs it takes pass. */
class ConfigSchemaValidationTest {

    private static final String TASK = "tasks:\n  echo:\n    command: [echo, hi]\n";

    @TempDir
    Path dir;

    @Test
    void a_small_config_passes_the_schema_and_the_parser() throws Exception {
        java.nio.file.Files.createDirectory(dir.resolve("site"));
        String config = """
                server: { listen: "127.0.0.1:0", max-upload: 1.5GB, idle-timeout: 1h30m, auth: { submit: token } }
                queues: { heavy: { concurrency: 2, max-wait: 10m } }
                sandbox: { network: false }
                static: { "/site": { dir: site, cache: 30d } }
                tasks:
                  echo:
                    command: [echo, "{word}"]
                    queue: heavy
                    inputs: { word: { type: string, enum: [a, b], default: a }, files: { type: file, accept: text/csv, required: false } }
                    outputs: { said: { file: said.txt, type: string } }
                    limits: { timeout: 500ms, memory: 64MB }
                schedules: { nightly: { task: echo, cron: "0 3 * * *", inputs: { word: b } } }
                retention: { keep: 7d, max-disk: 20GB }
                """;

        assertThat(ConfigSchemaCheck.problems(config)).isEmpty();
        assertThatCode(() -> load(config)).doesNotThrowAnyException();
    }

    @Test
    void numbers_and_booleans_in_commands_and_environments_pass_both_as_the_binder_reads_them_as_text() throws Exception {
        String config = "tasks:\n  nap: { command: [sleep, 5], preflight: [true], env: { PYTHONUNBUFFERED: 1, DEBUG: false } }\n";

        assertThat(ConfigSchemaCheck.problems(config)).isEmpty();
        assertThat(load(config).tasks().get("nap").command()).containsExactly("sleep", "5");
    }

    @Test
    void an_unknown_key_deep_in_a_task_fails_both() {
        assertRefusedByBoth(TASK + "    limits: { timout: 10m }\n", "/tasks/echo/limits", "timout", "tasks.echo.limits.timout: unknown key");
    }

    @Test
    void a_wrong_type_fails_both() {
        assertRefusedByBoth(TASK + "    retries: [1]\n", "/tasks/echo/retries", "integer", "tasks.echo.retries:");
    }

    @Test
    void a_duration_that_is_not_one_fails_both() {
        assertRefusedByBoth(TASK + "    limits: { timeout: soon }\n", "/tasks/echo/limits/timeout", "pattern",
                "'soon' is not a duration such as 30s");
    }

    @Test
    void a_size_that_is_not_one_fails_both() {
        assertRefusedByBoth("server: { max-upload: 1PB }\n" + TASK, "/server/max-upload", "pattern", "'1PB' is not a size");
    }

    @Test
    void a_value_outside_an_enum_fails_both() {
        assertRefusedByBoth(TASK + "    mode: lukewarm\n", "/tasks/echo/mode", "enum", "'lukewarm' is not one of: exec, warm");
    }

    @Test
    void a_sandbox_that_is_neither_a_switch_nor_a_mapping_fails_both() {
        assertRefusedByBoth("sandbox: [/data]\n" + TASK, "/sandbox", "boolean", "sandbox:");
    }

    @Test
    void a_task_without_a_command_and_a_schedule_with_two_timings_fail_both() {
        assertRefusedByBoth("tasks:\n  echo: { title: Echo }\n", "/tasks/echo", "command", "tasks.echo.command: is required");
        assertRefusedByBoth(TASK + "schedules: { s: { task: echo, every: 1h, cron: \"@daily\" } }\n", "/schedules/s",
                "only one", "needs exactly one of every");
    }

    @Test
    void max_disk_under_a_task_fails_both() {
        assertRefusedByBoth(TASK + "    retention: { max-disk: 1GB }\n", "/tasks/echo/retention", "not",
                "applies to all jobs together");
    }

    @Test
    void every_default_in_the_schema_passes_its_own_key() {
        var defaults = new java.util.ArrayList<String>();
        collectDefaults(ConfigSchemaCheck.published(), "", defaults);

        assertThat(defaults).as("defaults found").hasSizeGreaterThan(30);
        for (String fragment : defaults) {
            assertThat(ConfigSchemaCheck.fragmentProblems(fragment)).as(fragment).isEmpty();
        }
    }

    // why: each default becomes a one-key fragment at its place, such as {"server":{"max-upload":"100MB"}}
    private static void collectDefaults(tools.jackson.databind.JsonNode schema, String wrap, java.util.List<String> out) {
        schema.path("properties").properties().forEach(p -> {
            String inner = wrap.isEmpty() ? "{\"" + p.getKey() + "\":%s}" : wrap.formatted("{\"" + p.getKey() + "\":%s}");
            if (p.getValue().has("default")) {
                out.add(inner.formatted(p.getValue().get("default").toString()));
            }
            collectDefaults(p.getValue(), inner, out);
            if (p.getValue().path("additionalProperties").isObject()) {
                collectDefaults(p.getValue().get("additionalProperties"), inner.formatted("{\"a1\":%s}"), out);
            }
        });
    }

    private void assertRefusedByBoth(String config, String at, String schemaWord, String parserWords) {
        assertThat(ConfigSchemaCheck.problems(config)).as("the schema on:%n%s", config)
                .anySatisfy(problem -> assertThat(problem).startsWith(at).contains(schemaWord));
        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> load(config));
        assertThat(refused).as("the parser on:%n%s", config).isNotNull();
        assertThat(refused.getMessage()).contains(parserWords);
    }

    private SluiceConfig load(String text) throws ConfigException {
        return new ConfigLoader().parse(text, "sluice.yaml", dir, Map.of());
    }
}
