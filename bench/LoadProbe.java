import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load benchmark client (`java LoadProbe URL QUEUED STREAMS BURST GATE-FILE SERVER-PID`, with Http1.java and
 * JobDocs.java): queues QUEUED jobs behind a closed gate and times pages and status documents meanwhile; then
 * starts BURST gated jobs at once, opens STREAMS event streams on them, opens the gate so they all end within the
 * same second, and counts how many streams saw their job's end. After each phase it prints the server's heap
 * (after a full collection), resident memory and thread count.
 */
public class LoadProbe {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int queued = Integer.parseInt(args[1]);
        int streams = Integer.parseInt(args[2]);
        int burst = Integer.parseInt(args[3]);
        Path gate = Path.of(args[4]);
        long pid = Long.parseLong(args[5]);
        System.out.println("idle server: " + serverFigures(pid));

        List<String> waiting = submit(base, "held", queued, 16);
        System.out.printf("queued: %d jobs accepted%n", waiting.size());
        try (Http1 http = new Http1(base)) {
            System.out.println("index page with the queue full: " + timed(http, "/?f=html", 200));
            System.out.println("status of the last queued job: " + timed(http, "/jobs/" + waiting.get(waiting.size() - 1), 200));
            System.out.println("job list: " + timed(http, "/jobs?limit=100", 200));
        }
        System.out.println("with the queue full: " + serverFigures(pid));

        List<String> burstIds = submit(base, "burst", burst, 16);
        AtomicInteger sawEnd = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            String id = burstIds.get(i % burstIds.size());
            readers.add(Thread.ofVirtual().start(() -> follow(base, id, opened, sawEnd)));
        }
        while (opened.get() < streams) {
            Thread.sleep(20);
        }
        System.out.printf("streams open: %d on %d running jobs%n", opened.get(), burstIds.size());
        System.out.println("with the streams open: " + serverFigures(pid));
        long t0 = System.nanoTime();
        Files.writeString(gate, "open");
        for (Thread reader : readers) {
            reader.join(60_000);
        }
        System.out.printf("streams that saw their job end: %d of %d, all within %.2f s of opening the gate%n",
                sawEnd.get(), streams, (System.nanoTime() - t0) / 1e9);
    }

    /** Heap in use after a full collection, resident memory and threads of the server process. */
    private static String serverFigures(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String heap = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        long usedKb = 0;
        for (java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(heap); m.find(); ) {
            usedKb += Long.parseLong(m.group(1));
        }
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        return String.format("heap used %.1f MB, RSS %s, threads %s", usedKb / 1024.0, field(status, "VmRSS"), field(status, "Threads"));
    }

    private static String field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "?";
    }

    private static List<String> submit(String base, String task, int count, int clients) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    try (Http1 http = new Http1(base)) {
                        while (next.getAndIncrement() < count) {
                            String id = JobDocs.id(http.postJson("/processes/" + task + "/execution", "{\"inputs\":{}}").body());
                            if (id != null) {
                                ids.add(id);
                            }
                        }
                    }
                    return null;
                });
            }
        }
        return new ArrayList<>(ids);
    }

    private static String timed(Http1 http, String path, int times) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            http.get(path);
            nanos.add(System.nanoTime() - t);
        }
        Collections.sort(nanos);
        return JobDocs.percentiles(nanos);
    }

    private static void follow(String base, String id, AtomicInteger opened, AtomicInteger sawEnd) {
        String hostPort = base.replaceFirst("^http://", "").replaceAll("/.*$", "");
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /jobs/" + id + "/events HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            opened.incrementAndGet();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data:") && line.contains("\"status\":\"successful\"")) {
                    sawEnd.incrementAndGet();
                    return;
                }
            }
        } catch (Exception e) {
            System.err.println("stream of " + id + " failed: " + e);
        }
    }
}
