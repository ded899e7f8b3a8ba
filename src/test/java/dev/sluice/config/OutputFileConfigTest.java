package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.testing.HostileInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output file or a folder in the config that would lead out of where it belongs, or is not a path at all, is refused. */
class OutputFileConfigTest {

    @TempDir
    Path dir;

    @Test
    void output_files_that_leave_the_output_folder_are_refused_with_their_line() {
        for (String file : List.of("../../etc/passwd", "/etc/passwd", "a/../../b", "./../x", "..", ".", "a/..", "//etc/passwd",
                "sub/../../../etc/shadow")) {
            HostileInputs.tried("config");
            assertThat(problems("""
                    tasks:
                      echo:
                        command: [echo, "{out}"]
                        outputs:
                          report: { file: "%s" }
                    """.formatted(file))).as(file).containsExactly(
                    "sluice.yaml:5: tasks.echo.outputs.report.file: must be a path inside the job's output folder");
        }
    }

    @Test
    void a_nul_character_in_a_path_is_refused_with_its_line() {
        HostileInputs.tried("config", 3);
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    outputs:\n      report: { file: \"a\\0b.txt\" }\n"))
                .singleElement().asString().startsWith("sluice.yaml:5: tasks.echo.outputs.report.file: ").contains("NUL");
        assertThat(problems("tasks:\n  echo:\n    command: [echo]\n    workdir: \"to\\0ols\"\n"))
                .singleElement().asString().startsWith("sluice.yaml:4: tasks.echo.workdir: ").contains("NUL");
        assertThat(problems("storage:\n  data-dir: \"da\\0ta\"\ntasks:\n  echo:\n    command: [echo]\n"))
                .singleElement().asString().startsWith("sluice.yaml:2: storage.data-dir: ").contains("NUL");
    }

    private List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().parse(yaml, "sluice.yaml", dir, Map.of()));
        assertThat(e).as("the config is refused").isNotNull();
        return e.problems();
    }
}
