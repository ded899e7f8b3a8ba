package dev.sluice.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The resident memory of a set of processes: the sum of their PSS (proportional set size, so pages shared
 * between them count once) where /proc/PID/smaps_rollup is readable, else of their RSS.
 */
final class TreeMemory {

    private TreeMemory() {
    }

    static long bytes(Collection<ProcessHandle> processes) {
        long total = 0;
        for (ProcessHandle p : processes) {
            total += bytes(p.pid());
        }
        return total;
    }

    static long bytes(long pid) {
        Path proc = Path.of("/proc", String.valueOf(pid));
        long pss = kilobytes(proc.resolve("smaps_rollup"), "Pss:");
        return 1024 * (pss >= 0 ? pss : Math.max(0, kilobytes(proc.resolve("status"), "VmRSS:")));
    }

    /** The value in kB of the line starting with {@code key}, or -1 when the file or line is not there. */
    private static long kilobytes(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    String number = line.substring(key.length()).trim().split("\\s+")[0];
                    return Long.parseLong(number);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException gone) {
            // the process ended between listing and reading, or the file is not readable
        }
        return -1;
    }
}
