import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Latency client for the benchmarks (`java bench/LatencyClient.java URL TASK JOBS`, with bench/Http1.java beside
 * it): submits JOBS jobs one after
 * another, following each to its end, and prints submit-to-finished latency percentiles.
 */
public class LatencyClient {

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
            String id = JobDocs.id(r.body());
            if (id == null) {
                failed++;
                continue;
            }
            String status;
            do {
                status = JobDocs.status(http.get("/jobs/" + id).body());
            } while (status.equals("accepted") || status.equals("running"));
            latencies.add(System.nanoTime() - t0);
            failed += status.equals("successful") ? 0 : 1;
        }
        Collections.sort(latencies);
        System.out.printf("sequential jobs=%d failed=%d submit-to-finished ms: %s%n", jobs, failed, JobDocs.percentiles(latencies));
    }
}
