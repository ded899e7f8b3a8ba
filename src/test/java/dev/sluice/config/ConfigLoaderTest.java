package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A valid `sluice.yaml` becomes a config with its values, and defaults fill in what it leaves out. */
class ConfigLoaderTest {

    private static final String MINIMAL = """
            tasks:
              echo:
                command: [echo, "{out}"]
            """;

    @TempDir
    Path dir;

    @Test
    void a_full_config_keeps_every_value_it_sets() throws Exception {
        Files.createDirectory(dir.resolve("tools"));

        SluiceConfig config = parse("""
                server:
                  listen: 0.0.0.0:9090
                  max-upload: 110MB
                storage:
                  data-dir: data
                queues:
                  heavy: { concurrency: 2, max-waiting: 50 }
                tasks:
                  analyze:
                    title: Analyze an image
                    description: Counts the colours.
                    command: [python3, run.py, "{image}", "{level}", "{out}"]
                    workdir: tools
                    queue: heavy
                    env: { LANG: C.UTF-8 }
                    inputs:
                      image: { type: file, max-size: 25MB }
                      level: { type: integer, default: 3, min: 1, max: 9 }
                    outputs:
                      report: { file: report.html, title: Report }
                    limits: { timeout: 10m, threads: 4, kill-grace: 30s }
                    retries: 2
                """);

        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.server().maxUpload()).isEqualTo(new DataSize(110L << 20));
        assertThat(config.storage().dataPath()).isEqualTo(dir.resolve("data"));
        assertThat(config.queues().get("heavy")).isEqualTo(new QueueConfig(2, 50));
        TaskConfig task = config.task("analyze").orElseThrow();
        assertThat(task.title()).isEqualTo("Analyze an image");
        assertThat(task.description()).isEqualTo("Counts the colours.");
        assertThat(task.command()).containsExactly("python3", "run.py", "{image}", "{level}", "{out}");
        assertThat(task.workdirPath()).contains(dir.resolve("tools"));
        assertThat(task.queue()).isEqualTo("heavy");
        assertThat(task.env()).containsExactly(Map.entry("LANG", "C.UTF-8"));
        assertThat(task.inputs()).containsOnlyKeys("image", "level");
        assertThat(task.inputs().get("image").type()).isEqualTo(InputType.FILE);
        assertThat(task.inputs().get("image").maxSize()).isEqualTo(new DataSize(25L << 20));
        assertThat(task.inputs().get("level").defaultIfAny()).hasValueSatisfying(v -> assertThat(v.intValue()).isEqualTo(3));
        assertThat(task.outputs().get("report")).isEqualTo(new OutputSpec("report.html", null, "Report", false));
        assertThat(task.limits()).isEqualTo(new Limits(Duration.ofMinutes(10), null, 4, Duration.ofSeconds(30), null, null, null, null, null));
        assertThat(task.retries()).isEqualTo(2);
    }

    @Test
    void the_server_listens_on_localhost_8080_unless_told_otherwise() throws Exception {
        ServerConfig server = parse(MINIMAL).server();

        assertThat(server.listen()).isEqualTo("127.0.0.1:8080");
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isEqualTo(8080);
    }

    @Test
    void the_default_queue_always_exists_with_one_job_at_a_time() throws Exception {
        SluiceConfig config = parse(MINIMAL + """
                queues:
                  other: { concurrency: 3 }
                """);

        assertThat(config.queues()).containsKeys("default", "other");
        assertThat(config.queues().get("default").concurrency()).isEqualTo(1);
    }

    @Test
    void a_task_without_queue_limits_or_retries_gets_the_defaults() throws Exception {
        TaskConfig task = parse(MINIMAL).task("echo").orElseThrow();

        assertThat(task.queue()).isEqualTo("default");
        assertThat(task.mode()).isEqualTo(TaskMode.EXEC);
        assertThat(task.limits().timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(task.limits().threads()).isEqualTo(1);
        assertThat(task.retries()).isZero();
        assertThat(task.inputs()).isEmpty();
        assertThat(task.env()).isEmpty();
    }

    @Test
    void sizes_are_read_with_binary_units() throws Exception {
        assertThat(maxUpload("110MB")).isEqualTo(110L * 1024 * 1024);
        assertThat(maxUpload("1.5GB")).isEqualTo(1536L * 1024 * 1024);
        assertThat(maxUpload("512KB")).isEqualTo(512L * 1024);
        assertThat(maxUpload("1048576")).isEqualTo(1_048_576L);
        assertThat(maxUpload("\"2048\"")).isEqualTo(2048L);
    }

    @Test
    void durations_are_read_in_their_short_form() throws Exception {
        assertThat(timeout("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(timeout("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(timeout("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(timeout("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(timeout("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(timeout("500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void a_relative_workdir_is_taken_from_the_config_folder() throws Exception {
        Files.createDirectories(dir.resolve("jobs/bin"));

        TaskConfig task = parse("""
                tasks:
                  echo:
                    command: [echo, "{out}"]
                    workdir: ./jobs/../jobs/bin
                """).task("echo").orElseThrow();

        assertThat(task.workdirPath()).contains(dir.resolve("jobs/bin"));
    }

    @Test
    void an_absolute_workdir_is_kept_as_written(@TempDir Path elsewhere) throws Exception {
        TaskConfig task = parse(MINIMAL.replace("command:", "workdir: " + elsewhere + "\n    command:"))
                .task("echo").orElseThrow();

        assertThat(task.workdirPath()).contains(elsewhere);
        assertThat(elsewhere.startsWith(dir)).as("outside the config folder").isFalse();
    }

    @Test
    void a_relative_data_dir_is_taken_from_the_config_folder() throws Exception {
        SluiceConfig config = parse("""
                storage:
                  data-dir: state/sluice
                """ + MINIMAL);

        assertThat(config.storage().dataPath()).isEqualTo(dir.resolve("state/sluice"));
    }

    @Test
    void tasks_keep_the_order_they_are_written_in() throws Exception {
        SluiceConfig config = parse("""
                tasks:
                  zeta: { command: [z] }
                  alpha: { command: [a] }
                  mid: { command: [m] }
                """);

        assertThat(List.copyOf(config.tasks().keySet())).containsExactly("zeta", "alpha", "mid");
    }

    private long maxUpload(String size) throws Exception {
        return parse("server:\n  max-upload: " + size + "\n" + MINIMAL).server().maxUpload().bytes();
    }

    private Duration timeout(String duration) throws Exception {
        return parse(MINIMAL + "    limits: { timeout: " + duration + " }\n").task("echo").orElseThrow().limits().timeout();
    }

    private SluiceConfig parse(String yaml) throws ConfigException {
        return new ConfigLoader().parse(yaml, "sluice.yaml", dir, Map.of());
    }
}
