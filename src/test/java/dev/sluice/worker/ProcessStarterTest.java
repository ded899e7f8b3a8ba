package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both ways to start a job's process behave alike, real processes each time; the direct one is chosen on JDK 22+. */
class ProcessStarterTest {

    @TempDir
    Path dir;

    static Stream<ProcessStarter> starters() {
        return Stream.of(ProcessStarter.best(), ProcessStarter.jdk());
    }

    @Test
    void theDirectStarterIsChosenOnJdk22AndNewer() {
        String chosen = ProcessStarter.best().getClass().getSimpleName();
        if (Runtime.version().feature() >= 22) {
            assertThat(chosen).isEqualTo("DirectSpawn");
        } else {
            assertThat(chosen).isNotEqualTo("DirectSpawn");
        }
    }

    @ParameterizedTest
    @MethodSource("starters")
    void runsInTheFolderWithExactlyTheGivenEnvironmentAndOneOutput(ProcessStarter starter) throws Exception {
        ProcessBuilder builder = jobShaped("/bin/sh", "-c", "pwd; echo \"$ONLY\"; env | sort | tr '\\n' '|'; echo; echo to-stderr >&2; cat; exit 7");
        builder.environment().clear();
        builder.environment().putAll(Map.of("ONLY", "the value", "PATH", "/usr/bin:/bin"));
        Process process = starter.start(builder);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(7);
        assertThat(output.lines().toList()).startsWith(dir.toRealPath().toString(), "the value").contains("to-stderr");
        assertThat(output.lines().toList().get(2).split("[|]"))
                .filteredOn(variable -> !variable.startsWith("PWD=") && !variable.startsWith("SHLVL=") && !variable.startsWith("_="))
                .containsExactlyInAnyOrder("ONLY=the value", "PATH=/usr/bin:/bin");
        assertThat(process.isAlive()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("starters")
    void theChildHasNoOpenFileBeyondItsThreeStandardOnes(ProcessStarter starter) throws Exception {
        Path leaked = Files.writeString(dir.resolve("held-open"), "x");
        try (var held = Files.newInputStream(leaked)) {
            Process process = starter.start(jobShaped("/bin/ls", "/proc/self/fd"));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).isZero();
            // ls's own listing of the folder is the one descriptor above 2
            assertThat(output.lines().toList()).containsExactlyInAnyOrder("0", "1", "2", "3");
        }
    }

    @ParameterizedTest
    @MethodSource("starters")
    void aSignalEndingIsReportedAs128PlusTheSignalAndTheTreeIsVisible(ProcessStarter starter) throws Exception {
        Process process = starter.start(jobShaped("/bin/sh", "-c", "sleep 60 & wait"));
        ProcessHandle handle = process.toHandle();
        assertThat(handle.pid()).isEqualTo(process.pid());
        await().atMost(Duration.ofSeconds(30)).until(() -> handle.descendants().findAny().isPresent());
        List<ProcessHandle> children = handle.descendants().toList();
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(128 + 15);
        assertThat(handle.isAlive()).isFalse();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @ParameterizedTest
    @MethodSource("starters")
    void aProgramThatCannotRunIsRefusedWithTheReason(ProcessStarter starter) throws Exception {
        assertThatThrownBy(() -> starter.start(jobShaped(dir.resolve("no-such-program").toString())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot run program \"" + dir.resolve("no-such-program") + "\"")
                .hasMessageContaining("No such file or directory");
        Path notExecutable = Files.writeString(dir.resolve("plain.txt"), "echo hi\n");
        assertThatThrownBy(() -> starter.start(jobShaped(notExecutable.toString())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Permission denied");
        assertThatThrownBy(() -> starter.start(jobShaped("/bin/echo", "a\0b")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("invalid null character");
    }

    @Test
    void aScriptWithoutAnInterpreterLineIsRefusedNotHandedToAShell() throws Exception {
        Path script = Files.writeString(dir.resolve("no-first-line"), "echo ran-by-a-shell\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        if (Runtime.version().feature() >= 22) {
            assertThatThrownBy(() -> ProcessStarter.best().start(jobShaped(script.toString())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Exec format error")
                    .hasMessageContaining("a script needs a first line such as #!/bin/sh");
        }
        Process viaJdk = ProcessStarter.jdk().start(jobShaped(script.toString()));
        assertThat(new String(viaJdk.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("ran-by-a-shell");
        assertThat(viaJdk.waitFor()).isZero();
    }

    @ParameterizedTest
    @MethodSource("starters")
    void anUnreadableFolderIsRefusedBeforeAnythingRuns(ProcessStarter starter) {
        ProcessBuilder builder = jobShaped("/bin/true").directory(dir.resolve("missing-folder").toFile());
        assertThatThrownBy(() -> starter.start(builder)).isInstanceOf(IOException.class).hasMessageContaining("No such file or directory");
    }

    @ParameterizedTest
    @MethodSource("starters")
    void manyShortProcessesEachEndWithTheirOwnCode(ProcessStarter starter) throws Exception {
        for (int i = 0; i < 50; i++) {
            Process process = starter.start(jobShaped("/bin/sh", "-c", "exit " + i));
            process.getInputStream().readAllBytes();
            assertThat(process.waitFor()).isEqualTo(i);
            assertThat(process.onExit().get(30, TimeUnit.SECONDS)).isSameAs(process);
        }
    }

    private ProcessBuilder jobShaped(String... command) {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
}
