package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * At the end of each test JVM, adds its {@link HostileInputs} counts to those of the other JVMs of the same
 * build (the fuzzers run one JVM each) and writes the total as one line to target/hostile-inputs.txt, which
 * `./run-tests` prints last.
 */
public final class HostileInputSummary implements TestExecutionListener {

    private static final Path TARGET = Path.of("target");

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        // why: the PostgreSQL pass tries the same inputs again on another store; they are not more hostile inputs
        if (HostileInputs.total() == 0 || !Files.isDirectory(TARGET) || TestServer.onPostgres()) {
            return;
        }
        try {
            // why: a build is one Maven run; its id keeps counts of earlier runs out of this one's total
            Path run = TARGET.resolve("hostile-inputs").resolve(System.getProperty("sluice.build", "manual"));
            Files.createDirectories(run);
            Files.writeString(run.resolve(ProcessHandle.current().pid() + ".txt"), HostileInputs.lines(), StandardCharsets.UTF_8);
            String line = summaryOf(run);
            Files.writeString(TARGET.resolve("hostile-inputs.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8);
            System.out.println(line);
        } catch (IOException | UncheckedIOException e) {
            System.out.println(HostileInputs.summary() + " (not merged: " + e + ")");
        }
    }

    private static String summaryOf(Path run) throws IOException {
        Map<String, Long> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] kindAndCount = line.split(" ");
                    if (kindAndCount.length == 2) {
                        all.merge(kindAndCount[0], Long.parseLong(kindAndCount[1]), Long::sum);
                    }
                }
            }
        }
        return HostileInputs.summary(all);
    }
}
