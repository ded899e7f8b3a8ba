import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The processes of one stack under benchmark, read from /proc: the processes the benchmark started (the roots)
 * and all their descendants, with their summed memory and CPU time.
 */
final class StackProcesses {

    /** Resident memory summed over a stack's processes, in kB, and how many processes there were. */
    record Memory(long rssKb, long pssKb, int processes) {
    }

    // why: /proc/PID/stat counts CPU in clock ticks of USER_HZ, which is 100 on every Linux this runs on
    private static final double TICKS_PER_SECOND = 100;

    private final List<Long> roots;

    StackProcesses(List<Long> roots) {
        this.roots = List.copyOf(roots);
    }

    /** "12,34,56" as written by bench/run. */
    static StackProcesses parse(String pids) {
        List<Long> roots = new ArrayList<>();
        for (String pid : pids.split(",")) {
            if (!pid.isBlank()) {
                roots.add(Long.parseLong(pid.trim()));
            }
        }
        return new StackProcesses(roots);
    }

    /** The roots and every living descendant of theirs. */
    Set<Long> all() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
                String[] stat = stat(Long.parseLong(n));
                if (stat != null) {
                    children.computeIfAbsent(Long.parseLong(stat[1]), k -> new ArrayList<>()).add(Long.parseLong(n));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        Set<Long> found = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (found.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        found.removeIf(pid -> !Files.exists(Path.of("/proc", Long.toString(pid))));
        return found;
    }

    /** RSS and PSS from /proc/PID/smaps_rollup, summed over every process of the stack. */
    Memory memory() {
        return memoryOf(all());
    }

    /** As {@link #memory()}, over the processes the benchmark started alone, without their descendants. */
    Memory rootsMemory() {
        return memoryOf(roots);
    }

    private static Memory memoryOf(java.util.Collection<Long> pids) {
        long rss = 0;
        long pss = 0;
        int count = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Rss:")) {
                        rss += kilobytes(line);
                    } else if (line.startsWith("Pss:")) {
                        pss += kilobytes(line);
                    }
                }
                count++;
            } catch (IOException exited) {
                // a process that ended between the listing and the read holds no memory
            }
        }
        return new Memory(rss, pss, count);
    }

    /**
     * Seconds of CPU (user + system) spent by the stack's processes and by the children they have reaped. A
     * process that ends meanwhile is counted in its parent's reaped-children time, so the difference of two
     * readings is the CPU the stack spent between them.
     */
    double cpuSeconds() {
        long ticks = 0;
        for (long pid : all()) {
            String[] stat = stat(pid);
            if (stat != null) {
                // fields after the command: state ppid … utime(11) stime(12) cutime(13) cstime(14)
                ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The fields of /proc/PID/stat after the command name (which may hold spaces), or null once it has exited. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException exited) {
            return null;
        }
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
