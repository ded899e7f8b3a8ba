package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `SLUICE_...` environment variables override the keys of the file they name, and are checked like the file. */
class ConfigLoaderEnvTest {

    private static final String CONFIG = """
            server:
              listen: 127.0.0.1:8080
            storage:
              data-dir: data
            queues:
              default: { concurrency: 1, max-waiting: 100 }
            tasks:
              my-task:
                command: [echo, "{out}"]
                env: { LANG: C.UTF-8 }
            """;

    @TempDir
    Path dir;

    @Test
    void a_variable_overrides_the_listen_address() throws Exception {
        SluiceConfig config = parse(CONFIG, Map.of("SLUICE_SERVER_LISTEN", "0.0.0.0:9999"));

        assertThat(config.server().listen()).isEqualTo("0.0.0.0:9999");
    }

    @Test
    void underscores_stand_for_the_dashes_of_a_key() throws Exception {
        SluiceConfig config = parse(CONFIG, Map.of("SLUICE_STORAGE_DATA_DIR", "/var/lib/sluice"));

        assertThat(config.storage().dataPath()).isEqualTo(Path.of("/var/lib/sluice"));
    }

    @Test
    void a_relative_data_dir_from_the_environment_is_taken_from_the_config_folder() throws Exception {
        SluiceConfig config = parse(CONFIG, Map.of("SLUICE_STORAGE_DATA_DIR", "elsewhere"));

        assertThat(config.storage().dataPath()).isEqualTo(dir.resolve("elsewhere"));
    }

    @Test
    void a_variable_can_set_a_key_whose_section_the_file_leaves_out() throws Exception {
        SluiceConfig config = parse(CONFIG, Map.of("SLUICE_TASKS_MY_TASK_LIMITS_TIMEOUT", "20m"));

        Limits limits = config.task("my-task").orElseThrow().limits();
        assertThat(limits.timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(limits.threads()).isEqualTo(1);
    }

    @Test
    void a_variable_overrides_a_queue_setting_with_a_dash() throws Exception {
        SluiceConfig config = parse(CONFIG, Map.of("SLUICE_QUEUES_DEFAULT_MAX_WAITING", "7"));

        assertThat(config.queues().get("default")).isEqualTo(new QueueConfig(1, 7));
    }

    @Test
    void a_variable_overrides_the_default_queue_even_when_the_file_does_not_declare_it() throws Exception {
        SluiceConfig config = parse(CONFIG.replace("queues:\n  default: { concurrency: 1, max-waiting: 100 }\n", ""),
                Map.of("SLUICE_QUEUES_DEFAULT_MAX_WAITING", "7"));

        assertThat(config.queues().get("default")).isEqualTo(new QueueConfig(1, 7));
    }

    @Test
    void a_variable_adds_an_environment_variable_to_a_task() throws Exception {
        SluiceConfig config = parse(CONFIG, Map.of("SLUICE_TASKS_MY_TASK_ENV_FOO_BAR", "baz"));

        assertThat(config.task("my-task").orElseThrow().env())
                .containsExactly(Map.entry("LANG", "C.UTF-8"), Map.entry("FOO_BAR", "baz"));
    }

    @Test
    void a_variable_adds_an_environment_variable_whose_name_starts_like_an_existing_one() throws Exception {
        SluiceConfig config = parse(CONFIG.replace("LANG: C.UTF-8", "FOO: one"),
                Map.of("SLUICE_TASKS_MY_TASK_ENV_FOO_BAR", "two"));

        assertThat(config.task("my-task").orElseThrow().env())
                .containsExactly(Map.entry("FOO", "one"), Map.entry("FOO_BAR", "two"));
    }

    @Test
    void a_bad_value_from_the_environment_names_the_variable() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse(CONFIG, Map.of("SLUICE_TASKS_MY_TASK_LIMITS_TIMEOUT", "soon")));

        assertThat(e.problems()).singleElement(STRING)
                .startsWith("environment variable SLUICE_TASKS_MY_TASK_LIMITS_TIMEOUT: tasks.my-task.limits.timeout: ")
                .contains("'soon' is not a duration");
    }

    @Test
    void a_value_from_the_environment_that_fails_validation_names_the_variable() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse(CONFIG, Map.of("SLUICE_QUEUES_DEFAULT_CONCURRENCY", "0")));

        assertThat(e.problems()).containsExactly(
                "environment variable SLUICE_QUEUES_DEFAULT_CONCURRENCY: queues.default.concurrency: must be at least 1");
    }

    @Test
    void variables_that_name_no_config_key_are_ignored() throws Exception {
        SluiceConfig plain = parse(CONFIG, Map.of());

        SluiceConfig withOthers = parse(CONFIG, Map.of(
                "HOME", "/home/someone",
                "SLUICE_URL", "http://127.0.0.1:8080",
                "SLUICE_NO_SUCH_KEY", "x",
                "SLUICE_", "y"));

        assertThat(withOthers).isEqualTo(plain);
    }

    private SluiceConfig parse(String yaml, Map<String, String> env) throws ConfigException {
        return new ConfigLoader().parse(yaml, "sluice.yaml", dir, env);
    }
}
