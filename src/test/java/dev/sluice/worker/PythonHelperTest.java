package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shipped Python helper's own tests (src/test/python), which speak its protocol to real worker processes. */
class PythonHelperTest {

    @Test
    void the_python_helper_passes_its_own_unittest_suite() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "src/test/python", "-v")
                .redirectErrorStream(true);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process python = builder.start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).contains("OK").doesNotContain("Ran 0 tests");
    }
}
