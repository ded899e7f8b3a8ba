import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency client for the benchmarks (`java bench/LatencyClient.java URL TASK JOBS`, with bench/Http1.java beside
 * it): submits JOBS jobs one after
 * another, following each to its end, and prints submit-to-finished latency percentiles.
 */
public class LatencyClient {

    private static final Pattern ID = Pattern.compile("\"jobID\":\"([0-9a-f]{32})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String task = args[1];
        int jobs = Integer.parseInt(args[2]);
        Http1 http = new Http1(base);
        List<Long> latencies = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < jobs; i++) {
            long t0 = System.nanoTime();
            Http1.Response r = http.postJson("/processes/" + task + "/execution", "{\"inputs\":{}}");
            Matcher m = ID.matcher(r.body());
            if (!m.find()) {
                failed++;
                continue;
            }
            String status;
            do {
                Http1.Response s = http.get("/jobs/" + m.group(1));
                Matcher sm = STATUS.matcher(s.body());
                status = sm.find() ? sm.group(1) : "";
            } while (status.equals("accepted") || status.equals("running"));
            latencies.add(System.nanoTime() - t0);
            failed += status.equals("successful") ? 0 : 1;
        }
        Collections.sort(latencies);
        System.out.printf("sequential jobs=%d failed=%d submit-to-finished ms: p50=%.2f p95=%.2f p99=%.2f max=%.2f%n", jobs, failed,
                pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies.get(latencies.size() - 1) / 1e6);
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
