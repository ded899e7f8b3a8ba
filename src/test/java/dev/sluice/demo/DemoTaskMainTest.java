package dev.sluice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTaskMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void echo_writes_the_text_verbatim_and_reports_completion() throws Exception {
        int code = run("echo", "héllo <wörld>\n", "", dir.resolve("new/out").toString());

        assertThat(code).isZero();
        assertThat(Files.readString(dir.resolve("new/out/echo.txt"), StandardCharsets.UTF_8)).isEqualTo("héllo <wörld>\n");
        assertThat(stdout()).isEqualTo("::progress 100 echoed\n");
    }

    @Test
    void echo_with_a_style_writes_the_text_in_that_letter_case() throws Exception {
        int code = run("echo", "Héllo", "", dir.toString(), "upper");

        assertThat(code).isZero();
        assertThat(Files.readString(dir.resolve("echo.txt"), StandardCharsets.UTF_8)).isEqualTo("HÉLLO");
    }

    @Test
    void an_unknown_echo_style_is_a_usage_problem() {
        assertThat(run("echo", "x", "", dir.toString(), "bold")).isEqualTo(2);
        assertThat(stderr()).contains("as-is, upper or lower").hasLineCount(1);
    }

    @Test
    void slow_with_zero_seconds_finishes_at_once() throws Exception {
        assertThat(run("slow", "0", dir.toString())).isZero();
        assertThat(Files.readString(dir.resolve("done.txt"))).isEqualTo("done");
        assertThat(stdout()).endsWith("::progress 100 done\n");
    }

    @Test
    void fail_exits_with_three_after_logging() {
        assertThat(run("fail", dir.toString())).isEqualTo(3);
        assertThat(stdout().lines()).hasSize(3).last().asString().startsWith("::progress ");
        assertThat(stderr()).isEqualTo("demo failure: this task always fails\n");
    }

    @Test
    void an_unknown_task_is_a_usage_problem() {
        assertThat(run("dance", dir.toString())).isEqualTo(2);
        assertThat(stderr()).startsWith("Unknown demo task \"dance\"").endsWith(".\n").hasLineCount(1);
    }

    @Test
    void a_wrong_argument_count_is_a_usage_problem() {
        assertThat(run("compare", "a.png", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("compare <imageA> <imageB> <outDir>").hasLineCount(1);
    }

    @Test
    void a_pause_that_is_not_a_plain_number_is_a_usage_problem() {
        assertThat(run("echo", "x", "NaN", dir.toString())).isEqualTo(2);
        assertThat(run("echo", "x", "-1", dir.toString())).isEqualTo(2);
        assertThat(run("slow", "1.5", dir.toString())).isEqualTo(2);
    }

    private int run(String... args) {
        return DemoTaskMain.run(args, new Progress(new PrintStream(out, true, StandardCharsets.UTF_8)),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
