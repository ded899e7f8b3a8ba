package dev.sluice.app;

import dev.sluice.testing.Scripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the job processes of a cluster test say of themselves: each run appends a `start` line when it begins and an
 * `end` line when its work is done, with its job, its pid, its parent's pid (the node that started it) and the
 * system clock in nanoseconds. The lines are short single appends, so runs on several nodes never tear each other's.
 * The tasks here write it, and record their pid as their result, so a result names the run it came from.
 */
final class RunLedger {

    /** One run of a job; {@code end} is empty while (or if) it never finished its work. */
    record Run(String job, long pid, long node, long start, Optional<Long> end) {
        boolean completed() {
            return end.isPresent();
        }
    }

    private final Path file;
    private final Path scripts;

    /** The ledger {@code file}, written by tasks whose scripts go to {@code scripts}. */
    RunLedger(Path file, Path scripts) {
        this.file = file;
        this.scripts = scripts;
    }

    /** The task `nap` in {@code queue}: sleeps {ms} milliseconds (100 to 999). */
    String napTask(String queue) {
        Path script = Scripts.write(scripts, "nap.sh", line("start") + "\n"
                + "sleep \"$(printf '0.%03d' \"$1\")\"\n"
                + "printf '%s' \"$$\" > \"$SLUICE_OUT/run.txt\"\n" + line("end"));
        return "tasks:\n  nap:\n    command: " + Scripts.command(script, "{ms}") + "\n    queue: " + queue + "\n"
                + "    inputs: { ms: { type: integer } }\n    outputs: { run: { file: run.txt, type: string } }\n"
                + "    limits: { max-interruptions: 20 }\n";
    }

    /** The task `gated`: waits until {@code gate} exists. */
    String gatedTask(Path gate) {
        Path script = Scripts.write(scripts, "gated.sh", line("start") + "\n"
                + "while [ ! -e \"" + gate + "\" ]; do sleep 0.05; done\n"
                + "printf '%s' \"$$\" > \"$SLUICE_OUT/run.txt\"\n" + line("end"));
        return "tasks:\n  gated:\n    command: " + Scripts.command(script) + "\n"
                + "    outputs: { run: { file: run.txt, type: string } }\n";
    }

    private String line(String event) {
        return "echo \"" + event + " $SLUICE_JOB_ID $$ $PPID $(date +%s%N)\" >> \"" + file + "\"";
    }

    /** Every run so far, by job, each job's runs in the order they started. */
    Map<String, List<Run>> runs() throws IOException {
        Map<String, Run> byPid = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split(" ");
                if (f.length != 5) {
                    continue;
                }
                String key = f[1] + "/" + f[2];
                if (f[0].equals("start")) {
                    byPid.put(key, new Run(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Optional.empty()));
                } else if (byPid.containsKey(key)) {
                    Run run = byPid.get(key);
                    byPid.put(key, new Run(run.job(), run.pid(), run.node(), run.start(), Optional.of(Long.parseLong(f[4]))));
                }
            }
        }
        Map<String, List<Run>> byJob = new LinkedHashMap<>();
        byPid.values().stream().sorted(Comparator.comparingLong(Run::start))
                .forEach(run -> byJob.computeIfAbsent(run.job(), j -> new ArrayList<>()).add(run));
        return byJob;
    }

    List<Run> runs(String job) throws IOException {
        return runs().getOrDefault(job, List.of());
    }
}
