import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * `GET /metrics` under a long queue (`MetricsProbe URL QUEUED SCRAPES SERVER_PID`): submits QUEUED jobs to a queue whose one slot is
 * held, then times SCRAPES sequential scrapes on one connection (after 50 untimed ones), and as many requests of a small
 * static route for comparison, and prints the median, p99 and largest in milliseconds, the server's CPU time per request (from /proc, in 10 ms ticks)
 * and the size of the document.
 */
public class MetricsProbe {

    private static final int WARM_UP = 50;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int queued = Integer.parseInt(args[1]);
        int scrapes = Integer.parseInt(args[2]);
        long serverPid = Long.parseLong(args[3]);
        int accepted = submit(base, queued, 16);
        try (Http1 http = new Http1(base)) {
            Http1.Response sample = http.get("/metrics");
            String waiting = sample.body().lines().filter(l -> l.startsWith("sluice_queue_waiting{queue=\"held\"}"))
                    .findFirst().orElse("sluice_queue_waiting missing");
            for (int i = 0; i < WARM_UP; i++) {
                http.get("/metrics");
            }
            System.out.printf(Locale.ROOT, "accepted %d jobs; %s; document %d bytes%n", accepted, waiting, sample.body().length());
            // why: the same count of a route that reads almost nothing tells the cost of HTTP on this machine from that of metrics
            for (String path : List.of("/metrics", "/sluice.py", "/metrics")) {
                long cpuBefore = cpuTicks(serverPid);
                List<Long> nanos = timed(http, path, scrapes);
                double cpuMs = (cpuTicks(serverPid) - cpuBefore) * 10.0 / scrapes;
                System.out.printf(Locale.ROOT, "GET %s over %d requests: median %.2f ms, p99 %.2f ms, max %.2f ms; server CPU %.2f ms"
                        + " a request%n", path, scrapes, ms(nanos, 0.50), ms(nanos, 0.99), nanos.getLast() / 1e6, cpuMs);
            }
        }
    }

    // why: on a shared machine the latency includes waiting for a CPU; the server's own CPU time per request does not
    private static long cpuTicks(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static List<Long> timed(Http1 http, String path, int times) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            Http1.Response r = http.get(path);
            nanos.add(System.nanoTime() - t);
            if (r.status() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.status());
            }
        }
        Collections.sort(nanos);
        return nanos;
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private static int submit(String base, int count, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    try (Http1 http = new Http1(base)) {
                        while (next.getAndIncrement() < count) {
                            if (http.postJson("/processes/held/execution", "{\"inputs\":{}}").status() == 201) {
                                accepted.incrementAndGet();
                            }
                        }
                    }
                    return null;
                });
            }
        }
        return accepted.get();
    }
}
