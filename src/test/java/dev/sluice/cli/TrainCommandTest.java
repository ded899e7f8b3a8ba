package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `sluice train`, the launcher's training run for the start-up cache: a whole demo round trip, and nothing left behind. */
class TrainCommandTest {

    @Test
    void train_runs_a_job_on_a_throwaway_demo_and_removes_its_folder() throws IOException {
        SluiceCommand.Run run = SluiceCommand.run("train");

        assertThat(run.exit()).as(run.err()).isZero();
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("sluice-train"))).isEmpty();
        }
        assertThat(SluiceCommand.run("--help").out()).as("a tool of the launcher, not of the user").doesNotContain("train");
    }
}
