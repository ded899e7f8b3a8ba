import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the peer benchmark's workloads W1–W4 against one running stack, over its HTTP job API only, and appends
 * each figure as a line "stack TAB run TAB metric TAB value" to the results file (bench/run drives it, once per
 * stack and run). The same program, with the same requests, measures Sluice and the peer; only task names differ.
 * <pre>
 * Workloads --url URL --stack NAME --run N --pids PID,PID --results FILE --latencies FILE
 *           --w1 LABEL=TASK [--w1 LABEL=TASK …] --w2 TASK --w3 TASK
 *           [--jobs 2000] [--clients 16] [--sequential 200] [--spawns 200] [--warmup 300] [--warmup-seconds 10] [--settle-ms 3000] [--idle-ms 60000]
 * </pre>
 */
public class Workloads {

    private static final int TIME_LIMIT_S = 300;

    private final Map<String, List<String>> options;
    private final String base;
    private final StackProcesses stack;
    private final Path results;
    private final String prefix;

    private Workloads(Map<String, List<String>> options) {
        this.options = options;
        this.base = one("url");
        this.stack = StackProcesses.parse(one("pids"));
        this.results = Path.of(one("results"));
        this.prefix = one("stack") + "\t" + one("run") + "\t";
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.computeIfAbsent(args[i].replaceFirst("^--", ""), k -> new ArrayList<>()).add(args[i + 1]);
        }
        new Workloads(options).run();
    }

    private void run() throws Exception {
        int jobs = number("jobs", 2000);
        int clients = number("clients", 16);
        memory("w4_idle");
        Map<String, String> w1 = new LinkedHashMap<>();
        for (String pair : options.getOrDefault("w1", List.of())) {
            w1.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        for (String task : w1.values()) {
            warmUp(task, clients);
        }
        LatencyClient.run(base, one("w2"), 20, TIME_LIMIT_S);
        for (Map.Entry<String, String> e : w1.entrySet()) {
            throughput("w1_" + e.getKey(), e.getValue(), jobs, clients);
        }
        latency(one("w2"), number("sequential", 200));
        throughput("w3", one("w3"), number("spawns", 200), clients);
        int settle = number("settle-ms", 3000);
        Thread.sleep(settle);
        memory("w4_load");
        // why: memory a server gives back only once it is idle (heap, the C library's malloc) shows a minute later
        Thread.sleep(Math.max(0, number("idle-ms", 60000) - settle));
        memory("w4_minute");
    }

    /**
     * Not recorded: batches of the task until the warm-up time has passed, so that every stack gets the same time to
     * reach its steady state (the JIT compiler's, the workers', the connections'), however many jobs that takes it.
     */
    private void warmUp(String task, int clients) throws Exception {
        long until = System.nanoTime() + number("warmup-seconds", 10) * 1_000_000_000L;
        do {
            load(task, number("warmup", 300), clients);
        } while (System.nanoTime() < until);
    }

    private void throughput(String metric, String task, int jobs, int clients) throws Exception {
        double cpuBefore = stack.cpuSeconds();
        LoadClient.Outcome o = load(task, jobs, clients);
        double cpu = stack.cpuSeconds() - cpuBefore;
        record(metric + "_jobs_s", o.jobsPerSecond());
        record(metric + "_cpu_ms_per_job", cpu * 1000 / o.successful());
        record(metric + "_submit_p50_ms", JobDocs.percentile(o.submitLatencies(), 50));
        System.out.printf("%s %s: %d jobs, %.0f jobs/s, %.2f ms CPU per job, submit latency ms %s%n", metric, task,
                o.successful(), o.jobsPerSecond(), cpu * 1000 / o.successful(), JobDocs.percentiles(o.submitLatencies()));
    }

    private LoadClient.Outcome load(String task, int jobs, int clients) throws Exception {
        LoadClient.Outcome o = LoadClient.run(base, task, jobs, clients, true, TIME_LIMIT_S);
        if (o.successful() != jobs) {
            throw new IllegalStateException(String.format("%s: of %d jobs, %d were refused and %d failed", task, jobs,
                    o.refused(), o.failed()));
        }
        return o;
    }

    private void latency(String task, int jobs) throws Exception {
        LatencyClient.Outcome o = LatencyClient.run(base, task, jobs, TIME_LIMIT_S);
        if (o.failed() > 0) {
            throw new IllegalStateException(task + ": " + o.failed() + " of " + jobs + " sequential jobs did not succeed");
        }
        for (int p : new int[] {50, 95, 99}) {
            record("w2_p" + p + "_ms", JobDocs.percentile(o.latencies(), p));
        }
        StringBuilder lines = new StringBuilder();
        o.latencies().forEach(ns -> lines.append(String.format(Locale.ROOT, "%.3f%n", ns / 1e6)));
        Files.writeString(Path.of(one("latencies")), lines);
        System.out.printf("w2 %s: %d sequential jobs, submit-to-finished ms %s%n", task, jobs, JobDocs.percentiles(o.latencies()));
    }

    private void memory(String metric) throws IOException {
        StackProcesses.Memory m = stack.memory();
        record(metric + "_rss_mb", m.rssKb() / 1024.0);
        record(metric + "_pss_mb", m.pssKb() / 1024.0);
        record(metric + "_processes", m.processes());
        System.out.printf("%s: %d processes, RSS %.1f MB, PSS %.1f MB%n", metric, m.processes(), m.rssKb() / 1024.0, m.pssKb() / 1024.0);
        // why: Sluice's one root is its JVM, the rest are job workers; the peer's roots are several programs' masters
        if (one("stack").equals("sluice")) {
            StackProcesses.Memory server = stack.rootsMemory();
            record(metric + "_server_rss_mb", server.rssKb() / 1024.0);
            System.out.printf("%s: the server JVM alone, RSS %.1f MB%n", metric, server.rssKb() / 1024.0);
        }
    }

    private void record(String metric, double value) throws IOException {
        Files.writeString(results, prefix + metric + "\t" + String.format(Locale.ROOT, "%.4f", value) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private String one(String name) {
        List<String> values = options.get(name);
        if (values == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return values.get(0);
    }

    private int number(String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(one(name)) : fallback;
    }
}
