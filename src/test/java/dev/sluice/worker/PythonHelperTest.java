package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Python helper's own tests (src/test/python), which speak its protocol to real worker processes. */
class PythonHelperTest {

    private static final long PATIENCE_SECONDS = 120;

    @TempDir
    Path dir;

    // why: the output goes to a file, not a pipe read to its end, so that a hung suite cannot outlast the wait below
    @Test
    void the_python_helper_passes_its_own_unittest_suite() throws IOException, InterruptedException {
        Path output = dir.resolve("unittest.log");
        ProcessBuilder builder = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "src/test/python", "-v")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process python = builder.start();
        boolean ended = python.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            python.descendants().forEach(ProcessHandle::destroyForcibly);
            python.destroyForcibly().waitFor();
        }
        String said = Files.readString(output);

        assertThat(ended).as("the Python suite ended within %d s:%n%s", PATIENCE_SECONDS, said).isTrue();
        assertThat(python.exitValue()).as(said).isZero();
        assertThat(said).contains("OK").doesNotContain("Ran 0 tests");
    }
}
