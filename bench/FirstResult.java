import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Time to the first result (`FirstResult URL TASK LAUNCH_FILE TIMEOUT_S`): started before the stack, it says
 * "waiting", then submits one job of TASK every {@value #PAUSE_MS} ms until one is accepted (connection refused or
 * a 502 from a proxy whose backend is not up yet count as not accepted), follows it to its end, and prints the
 * milliseconds from the launch instant to that end. The launch instant is read from LAUNCH_FILE, which the
 * benchmark writes (seconds since the epoch, with decimals, as bash's $EPOCHREALTIME) just before it starts the
 * stack's first process.
 */
public class FirstResult {

    private static final long PAUSE_MS = 5;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String task = args[1];
        Path launchFile = Path.of(args[2]);
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        System.out.println("waiting");
        System.out.flush();
        try (Http1 http = new Http1(base)) {
            String id = null;
            while (id == null) {
                try {
                    Http1.Response r = http.postJson("/processes/" + task + "/execution", "{\"inputs\":{}}");
                    id = r.status() == 201 ? JobDocs.id(r.body()) : null;
                } catch (IOException notUpYet) {
                    // the stack is still starting
                }
                if (id == null) {
                    pause(deadline, "no job was accepted");
                }
            }
            String status;
            while (!JobDocs.ended(status = JobDocs.status(http.get("/jobs/" + id).body()))) {
                pause(deadline, "the first job did not end");
            }
            Instant end = Instant.now();
            if (!status.equals("successful")) {
                throw new IllegalStateException("the first job ended " + status);
            }
            Instant launch = launchInstant(launchFile);
            System.out.printf("first-result-ms=%.1f%n", launch.until(end, ChronoUnit.MICROS) / 1000.0);
        }
    }

    private static Instant launchInstant(Path file) throws IOException {
        String[] parts = Files.readString(file).trim().split("[.,]");
        long micros = parts.length > 1 ? Long.parseLong((parts[1] + "000000").substring(0, 6)) : 0;
        return Instant.ofEpochSecond(Long.parseLong(parts[0]), micros * 1000);
    }

    private static void pause(long deadline, String what) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what + " before the time limit");
        }
        Thread.sleep(PAUSE_MS);
    }
}
