package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/find-jdk.sh, which ./sluice and ./run-tests source to pick a JDK: the version is read from a JDK's
 * `release` file (or asked from its java when there is none), and a JAVA_HOME too old is passed over.
 */
@Timeout(60)
class FindJdkScriptTest {

    @TempDir
    Path dir;

    @Test
    void a_java_home_of_21_or_newer_is_kept_with_its_version_from_the_release_file() throws Exception {
        Path jdk = fakeJdk("jdk-23", "JAVA_VERSION=\"23.0.1\"\n", "");

        assertThat(findJdk(jdk)).isEqualTo(jdk + " 23");
    }

    @Test
    void a_release_file_without_a_final_newline_is_read() throws Exception {
        Path jdk = fakeJdk("jdk-21", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21\"", "");

        assertThat(findJdk(jdk)).isEqualTo(jdk + " 21");
    }

    @Test
    void a_jdk_without_a_release_file_is_asked_its_version() throws Exception {
        Path jdk = fakeJdk("jdk-22", null, "    java.specification.version = 22\n");

        assertThat(findJdk(jdk)).isEqualTo(jdk + " 22");
    }

    @Test
    void a_java_home_too_old_is_passed_over() throws Exception {
        Path old = fakeJdk("jdk-8", "JAVA_VERSION=\"1.8.0_402\"\n", "");

        String found = findJdk(old);

        assertThat(found).doesNotStartWith(old.toString());
        // why: the JDK running this test is 21 or newer, so the script finds one somewhere
        assertThat(Integer.parseInt(found.substring(found.lastIndexOf(' ') + 1))).isGreaterThanOrEqualTo(21);
    }

    private Path fakeJdk(String name, String release, String properties) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve(name).resolve("bin"));
        executable(jdk.resolve("java"), "#!/bin/sh\nprintf '" + properties + "' >&2\n");
        executable(jdk.resolve("javac"), "#!/bin/sh\n");
        if (release != null) {
            Files.writeString(jdk.getParent().resolve("release"), release);
        }
        return jdk.getParent();
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String findJdk(Path javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                ". scripts/find-jdk.sh && find_jdk && echo \"$JAVA_HOME $JDK_MAJOR\"").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        // why: a JDK found through javac on the PATH is the last resort; the test's own JDK is there
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
