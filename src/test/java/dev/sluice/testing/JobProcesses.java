package dev.sluice.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the live processes of a test's jobs: those whose environment names a job folder in its data folder. */
public final class JobProcesses {

    private JobProcesses() {
    }

    /** The pids of live processes that carry the environment of a job whose folder lies in {@code dataDir}. */
    public static List<Long> of(Path dataDir) throws IOException {
        String marker = "SLUICE_JOB_DIR=" + dataDir;
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    if (new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8).contains(marker)) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | SecurityException goneOrHidden) {
                    // ended meanwhile, or not ours to read
                }
            }
        }
        return found;
    }
}
