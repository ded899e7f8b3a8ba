import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client for the benchmarks (`java bench/LoadClient.java URL TASK JOBS CLIENTS`, with bench/Http1.java beside it).
 * Submits JOBS jobs of TASK over HTTP from CLIENTS concurrent clients, waits until every job has ended,
 * and prints jobs per second from the first submit to the last finish, with submit latencies. The server must
 * run nothing else meanwhile: the end is when its /health shows no job waiting or running.
 */
public class LoadClient {


    public static void main(String[] args) throws Exception {
        String base = args[0];
        String task = args[1];
        int jobs = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    try (Http1 http = new Http1(base)) {
                    while (next.getAndIncrement() < jobs) {
                        long t0 = System.nanoTime();
                        Http1.Response r = http.postJson("/processes/" + task + "/execution", "{\"inputs\":{}}");
                        latencies.add(System.nanoTime() - t0);
                        String id = JobDocs.id(r.body());
                        if (r.status() == 201 && id != null) {
                            ids.add(id);
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                    }
                    return null;
                });
            }
        }
        long submitted = System.nanoTime();
        // why: polling each job would compete with the server for its database; /health says when all have ended
        Pattern busy = Pattern.compile("\"(waiting|running)\":([0-9]+)");
        Http1 http = new Http1(base);
        while (true) {
            Http1.Response r = http.get("/health");
            Matcher m = busy.matcher(r.body());
            int inFlight = 0;
            while (m.find()) {
                inFlight += Integer.parseInt(m.group(2));
            }
            if (inFlight == 0) {
                break;
            }
            Thread.sleep(20);
        }
        long end = System.nanoTime();
        int successful = 0;
        int failed = 0;
        for (String id : ids) {
            if (JobDocs.status(http.get("/jobs/" + id).body()).equals("successful")) {
                successful++;
            } else {
                failed++;
            }
        }
        Collections.sort(latencies);
        double seconds = (end - start) / 1e9;
        System.out.printf("jobs=%d clients=%d accepted=%d refused=%d successful=%d failed=%d%n",
                jobs, clients, ids.size(), refused.get(), successful, failed);
        System.out.printf("submit phase: %.2f s (%.0f submits/s); end to end: %.2f s = %.0f jobs/s%n",
                (submitted - start) / 1e9, jobs / ((submitted - start) / 1e9), seconds, successful / seconds);
        System.out.printf("submit latency ms: %s%n", JobDocs.percentiles(latencies));
    }
}
