package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `sluice train`, the launcher's training run for the start-up cache: a whole demo round trip, and nothing left behind. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void train_runs_a_job_on_a_throwaway_demo_and_removes_its_folder() throws IOException {
        SluiceCommand.Run run = SluiceCommand.run("train");

        assertThat(run.exit()).as(run.err()).isZero();
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("sluice-train"))).isEmpty();
        }
        assertThat(SluiceCommand.run("--help").out()).as("a tool of the launcher, not of the user").doesNotContain("train");
    }

    @Test
    void the_training_loads_no_http_client_and_no_flyway_for_every_start_to_load_again() throws Exception {
        Path loaded = dir.resolve("classes.txt");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process train = new ProcessBuilder(List.of(java, "-Xlog:class+load=info:file=" + loaded, "-cp",
                System.getProperty("java.class.path"), "dev.sluice.cli.Main", "train"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile()).start();
        if (!train.waitFor(90, TimeUnit.SECONDS)) {
            train.destroyForcibly();
            throw new AssertionError("the training did not end");
        }

        assertThat(train.exitValue()).as(Files.readString(dir.resolve("output.txt"))).isZero();
        String classes = Files.readString(loaded, StandardCharsets.UTF_8);
        assertThat(classes).as("the training ran its demo").contains("dev.sluice.app.SluiceServer");
        assertThat(classes).as("and a warm job").contains("dev.sluice.worker.WarmJobRun ");
        assertThat(classes).doesNotContain("java.net.http.", "jdk.internal.net.http.");
        assertThat(classes).as("its data folder starts from the packaged empty database").doesNotContain("org.flywaydb.");
    }
}
