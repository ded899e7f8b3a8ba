package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sandbox:` per task and as the default of all tasks: its forms, its defaults and the values it refuses. */
class SandboxConfigTest {

    @TempDir
    Path dir;

    @Test
    void a_task_without_sandbox_runs_unsandboxed() throws ConfigException {
        assertThat(parse("tasks:\n  echo: { command: [echo] }\n").task("echo").orElseThrow().sandbox()).isEqualTo(SandboxConfig.OFF);
    }

    @Test
    void sandbox_true_keeps_the_network_and_binds_nothing_more() throws ConfigException {
        SandboxConfig sandbox = parse("tasks:\n  echo: { command: [echo], sandbox: true }\n").task("echo").orElseThrow().sandbox();
        assertThat(sandbox).isEqualTo(new SandboxConfig(true, List.of(), true));
    }

    @Test
    void a_mapping_turns_the_sandbox_on_with_its_binds_and_network() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("ref"));
        SandboxConfig sandbox = parse("tasks:\n  echo: { command: [echo], sandbox: { bind: [" + dir.resolve("ref") + "], network: false } }\n")
                .task("echo").orElseThrow().sandbox();
        assertThat(sandbox).isEqualTo(new SandboxConfig(true, List.of(dir.resolve("ref").toString()), false));
    }

    @Test
    void the_top_level_sandbox_is_the_default_a_task_may_override() throws ConfigException {
        SluiceConfig config = parse("""
                sandbox: { network: false }
                tasks:
                  boxed: { command: [echo] }
                  free: { command: [echo], sandbox: false }
                """);
        assertThat(config.task("boxed").orElseThrow().sandbox()).isEqualTo(new SandboxConfig(true, List.of(), false));
        assertThat(config.task("free").orElseThrow().sandbox()).isEqualTo(SandboxConfig.OFF);
    }

    @Test
    void an_environment_variable_turns_a_tasks_sandbox_on() throws ConfigException {
        SluiceConfig config = new ConfigLoader().parse("tasks:\n  echo: { command: [echo] }\n", "sluice.yaml", dir,
                Map.of("SLUICE_TASKS_ECHO_SANDBOX_NETWORK", "false"));
        assertThat(config.task("echo").orElseThrow().sandbox()).isEqualTo(new SandboxConfig(true, List.of(), false));
    }

    @Test
    void the_config_remembers_its_own_folder() throws ConfigException {
        assertThat(parse("tasks:\n  echo: { command: [echo] }\n").configFolder()).isEqualTo(dir.toAbsolutePath().normalize());
    }

    @Test
    void a_sandbox_that_is_neither_a_boolean_nor_a_mapping_is_refused_with_its_line() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    sandbox: yes please\n")).singleElement(STRING)
                .startsWith("sluice.yaml:4: tasks.echo.sandbox: 'yes please' is not true, false or a mapping");
    }

    @Test
    void an_unknown_key_inside_sandbox_is_refused_with_its_line() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    sandbox:\n      netwrk: false\n")).singleElement(STRING)
                .startsWith("sluice.yaml:5: tasks.echo.sandbox.netwrk: unknown key").contains("network", "bind");
    }

    @Test
    void a_relative_bind_path_is_refused() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    sandbox: { bind: [ref/data] }\n")).singleElement(STRING)
                .startsWith("sluice.yaml:4: tasks.echo.sandbox.bind[0]: 'ref/data' must be an absolute path");
    }

    @Test
    void a_bind_path_that_does_not_exist_is_refused() {
        assertThat(problems("sandbox:\n  bind:\n    - /no/such/folder\ntasks:\n  echo: { command: [echo] }\n")).singleElement(STRING)
                .startsWith("sluice.yaml:3: sandbox.bind[0]: '/no/such/folder' does not exist");
    }

    @Test
    void a_warm_task_may_have_a_sandbox() throws ConfigException {
        assertThat(parse("tasks:\n  warm:\n    command: [python3, w.py]\n    mode: warm\n    sandbox: true\n")
                .task("warm").orElseThrow().sandbox().enabled()).isTrue();
    }

    @Test
    void a_sandboxed_task_whose_workdir_is_the_config_folder_is_refused() {
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    workdir: .\n    sandbox: true\n")).singleElement(STRING)
                .startsWith("sluice.yaml:4: tasks.echo.workdir: a sandboxed task's workdir cannot be the data folder or the config's folder");
    }

    @Test
    void binding_the_data_folder_into_the_sandbox_is_refused() {
        assertThat(problems("storage: { data-dir: " + dir + " }\nsandbox: { bind: [" + dir + "] }\ntasks:\n  echo: { command: [echo] }\n"))
                .singleElement(STRING).startsWith("sluice.yaml:2: sandbox.bind[0]: '" + dir + "' is hidden from sandboxed jobs");
    }

    @Test
    void the_config_folder_cannot_be_set_from_the_file() {
        assertThat(problems("config-folder: /\ntasks:\n  echo: { command: [echo] }\n")).singleElement(STRING)
                .startsWith("sluice.yaml:1: config-folder: unknown key");
    }

    private List<String> problems(String yaml) {
        return ConfigTexts.problems(dir, yaml);
    }

    private SluiceConfig parse(String yaml) throws ConfigException {
        return ConfigTexts.parse(dir, yaml);
    }
}
