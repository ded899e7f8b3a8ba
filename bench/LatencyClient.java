import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Latency client for the benchmarks (`java bench/LatencyClient.java URL TASK JOBS`, with bench/Http1.java and
 * bench/JobDocs.java beside it): submits JOBS jobs one after another, following each to its end with GET /jobs/{id}
 * back to back, and prints submit-to-finished latency percentiles. Any server with the same job API will do.
 */
public class LatencyClient {

    /** Sorted submit-to-finished latencies in nanoseconds, and how many jobs did not succeed. */
    record Outcome(List<Long> latencies, int failed) {
    }

    public static void main(String[] args) throws Exception {
        int jobs = Integer.parseInt(args[2]);
        Outcome o = run(args[0], args[1], jobs, 600);
        System.out.printf("sequential jobs=%d failed=%d submit-to-finished ms: %s%n", jobs, o.failed(),
                JobDocs.percentiles(o.latencies()));
    }

    /** Runs JOBS jobs in sequence; fails when they have not all ended within timeoutSeconds. */
    static Outcome run(String base, String task, int jobs, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<Long> latencies = new ArrayList<>();
        int failed = 0;
        try (Http1 http = new Http1(base)) {
            for (int i = 0; i < jobs; i++) {
                long t0 = System.nanoTime();
                Http1.Response r = http.postJson("/processes/" + task + "/execution", "{\"inputs\":{}}");
                String id = JobDocs.id(r.body());
                if (r.status() != 201 || id == null) {
                    failed++;
                    continue;
                }
                String status;
                while (!JobDocs.ended(status = JobDocs.status(http.get("/jobs/" + id).body()))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("job " + id + " has not ended before the latency client's time limit");
                    }
                }
                latencies.add(System.nanoTime() - t0);
                failed += status.equals("successful") ? 0 : 1;
            }
        }
        Collections.sort(latencies);
        return new Outcome(List.copyOf(latencies), failed);
    }
}
