import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client for the benchmarks (`java bench/LoadClient.java URL TASK JOBS CLIENTS [--poll] [--warm-up N]
 * [--warm-up-at URL] [--rounds R]`, with bench/Http1.java and bench/JobDocs.java beside it). Submits JOBS jobs of TASK
 * over HTTP from CLIENTS concurrent clients, waits until every job has ended, and prints jobs per second from the
 * first submit to the last finish, with submit latencies; R times with --rounds. With --warm-up, N jobs run first,
 * unrecorded, so that the client itself is warm, on another server with --warm-up-at (to measure a fresh one). How it
 * sees the last finish:
 * <ul>
 * <li>by default, Sluice's /health shows no job waiting or running (the server must run nothing else meanwhile);
 * <li>with --poll, on any server with the same job API: each accepted job is read with GET /jobs/{id} in the order
 * of acceptance until it has ended, from one extra connection that runs alongside the submitters: one GET per job,
 * plus one after each pause while the oldest unfinished job is still running. The pause is 0.5% of the time since
 * the first submit, from 5 to 50 ms, so that the end is seen within 0.5% on a fast stack and a slow one is not
 * loaded with thousands of needless GETs.
 * </ul>
 */
public class LoadClient {

    /** How one load run went; seconds run from the first submit to the last finish seen. */
    record Outcome(int jobs, int accepted, int refused, int successful, int failed, double submitSeconds, double seconds,
                   List<Long> submitLatencies) {
        double jobsPerSecond() {
            return successful / seconds;
        }
    }

    private static final long MIN_PAUSE_MS = 5;
    private static final long MAX_PAUSE_MS = 50;
    private static final String NO_MORE = "";
    private static final Pattern BUSY = Pattern.compile("\"(waiting|running)\":([0-9]+)");

    public static void main(String[] args) throws Exception {
        List<String> flags = List.of(args).subList(4, args.length);
        boolean poll = flags.contains("--poll");
        int clients = Integer.parseInt(args[3]);
        int warmUp = flags.contains("--warm-up") ? Integer.parseInt(flags.get(flags.indexOf("--warm-up") + 1)) : 0;
        String warmUpAt = flags.contains("--warm-up-at") ? flags.get(flags.indexOf("--warm-up-at") + 1) : args[0];
        int rounds = flags.contains("--rounds") ? Integer.parseInt(flags.get(flags.indexOf("--rounds") + 1)) : 1;
        if (warmUp > 0) {
            // why: this JVM's own start-up and JIT compilation would otherwise take CPU from the server being measured
            run(warmUpAt, args[1], warmUp, clients, poll, 600);
        }
        for (int round = 1; round <= rounds; round++) {
            Outcome o = run(args[0], args[1], Integer.parseInt(args[2]), clients, poll, 600);
            if (rounds > 1) {
                System.out.printf("round %d: ", round);
            }
            System.out.printf("jobs=%d clients=%s accepted=%d refused=%d successful=%d failed=%d%n",
                    o.jobs(), args[3], o.accepted(), o.refused(), o.successful(), o.failed());
            System.out.printf("submit phase: %.2f s (%.0f submits/s); end to end: %.2f s = %.0f jobs/s%n",
                    o.submitSeconds(), o.jobs() / o.submitSeconds(), o.seconds(), o.jobsPerSecond());
            System.out.printf("submit latency ms: %s%n", JobDocs.percentiles(o.submitLatencies()));
        }
    }

    /** Submits and follows JOBS jobs; fails when they have not all ended within timeoutSeconds. */
    static Outcome run(String base, String task, int jobs, int clients, boolean poll, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        BlockingQueue<String> accepted = new LinkedBlockingQueue<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        String path = "/processes/" + task + "/execution";
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients + 1)) {
            Future<int[]> follower = poll ? pool.submit(() -> follow(base, accepted, start, deadline)) : null;
            List<Future<?>> submitters = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                submitters.add(pool.submit(() -> {
                    try (Http1 http = new Http1(base)) {
                        while (next.getAndIncrement() < jobs) {
                            long t0 = System.nanoTime();
                            Http1.Response r = http.postJson(path, "{\"inputs\":{}}");
                            latencies.add(System.nanoTime() - t0);
                            String id = JobDocs.id(r.body());
                            if (r.status() == 201 && id != null) {
                                accepted.add(id);
                            } else {
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> s : submitters) {
                s.get();
            }
            long submitted = System.nanoTime();
            int[] ended;
            long end;
            if (poll) {
                accepted.add(NO_MORE);
                ended = follower.get();
                end = System.nanoTime();
            } else {
                awaitIdle(base, deadline);
                end = System.nanoTime();
                ended = tally(base, new ArrayList<>(accepted));
            }
            Collections.sort(latencies);
            return new Outcome(jobs, ended[0] + ended[1], refused.get(), ended[0], ended[1], (submitted - start) / 1e9,
                    (end - start) / 1e9, List.copyOf(latencies));
        }
    }

    /** Reads each accepted job in order until it has ended; returns {successful, failed}. */
    private static int[] follow(String base, BlockingQueue<String> accepted, long start, long deadline) throws Exception {
        int[] ended = new int[2];
        try (Http1 http = new Http1(base)) {
            for (String id; !(id = accepted.take()).equals(NO_MORE); ) {
                String status;
                while (!JobDocs.ended(status = JobDocs.status(http.get("/jobs/" + id).body()))) {
                    checkDeadline(deadline, id);
                    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                    Thread.sleep(Math.clamp(elapsedMs / 200, MIN_PAUSE_MS, MAX_PAUSE_MS));
                }
                ended[status.equals("successful") ? 0 : 1]++;
            }
        }
        return ended;
    }

    // why: polling each job would compete with the server for its database; /health says when all have ended
    private static void awaitIdle(String base, long deadline) throws Exception {
        try (Http1 http = new Http1(base)) {
            while (true) {
                Matcher m = BUSY.matcher(http.get("/health").body());
                int inFlight = 0;
                while (m.find()) {
                    inFlight += Integer.parseInt(m.group(2));
                }
                if (inFlight == 0) {
                    return;
                }
                checkDeadline(deadline, "the last");
                Thread.sleep(20);
            }
        }
    }

    private static int[] tally(String base, List<String> ids) throws IOException {
        int[] ended = new int[2];
        try (Http1 http = new Http1(base)) {
            for (String id : ids) {
                ended[JobDocs.status(http.get("/jobs/" + id).body()).equals("successful") ? 0 : 1]++;
            }
        }
        return ended;
    }

    private static void checkDeadline(long deadline, String job) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("job " + job + " has not ended before the load client's time limit");
        }
    }
}
