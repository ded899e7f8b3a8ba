package dev.sluice.app;

import dev.sluice.testing.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.Scripts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in its own process takes a stream of jobs (JSON and uploads) from several clients while it is killed
 * with SIGKILL at random instants and started again, over and over. At the end every job that got a 201 is
 * there and has ended exactly once, truthfully; no job ran to completion more often than its recorded attempts;
 * no job process is left behind; the database passes its integrity check. The seed is printed, and
 * {@code -Dsluice.fault.seed=N} replays a run's instants.
 */
class FaultInjectionTest {

    private static final int KILLS = 20;
    private static final Duration FINAL_PATIENCE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger notAccepted = new AtomicInteger();
    private final AtomicBoolean submitting = new AtomicBoolean(true);

    // why: twenty server starts and a final run of every job; the default per-test timeout is for ordinary tests
    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void jobs_survive_repeated_kill_9_at_random_instants() throws Exception {
        long seed = Long.getLong("sluice.fault.seed", System.nanoTime());
        System.out.println("fault injection seed=" + seed + " (replay with -Dsluice.fault.seed=" + seed + ")");
        Random random = new Random(seed);
        int port = ServerProcess.freePort();
        Path ledger = dir.resolve("ledger");
        Path config = config(port, ledger);
        Path log = dir.resolve("server.log");
        String base = "http://127.0.0.1:" + port;

        long started = System.nanoTime();
        List<Thread> clients = List.of(
                Thread.ofPlatform().name("json-client-1").start(() -> submitLoop(base, this::jsonSubmission)),
                Thread.ofPlatform().name("json-client-2").start(() -> submitLoop(base, this::jsonSubmission)),
                Thread.ofPlatform().name("upload-client").start(() -> submitLoop(base, this::uploadSubmission)));
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                ServerProcess server = ServerProcess.start(config, port, log);
                try {
                    Thread.sleep(50 + random.nextInt(700));
                    server.killHard();
                } finally {
                    server.close();
                }
            }
        } finally {
            submitting.set(false);
            for (Thread c : clients) {
                c.join(Duration.ofSeconds(30));
            }
        }

        long killsEnded = System.nanoTime();
        ServerProcess last = ServerProcess.start(config, port, log);
        Map<String, JsonNode> ends;
        try {
            ends = awaitAllEnded(last);
            System.out.printf("fault injection: %d kills took %.1f s; the last start ran the rest in %.1f s%n", KILLS,
                    (killsEnded - started) / 1e9, (System.nanoTime() - killsEnded) / 1e9);
        } finally {
            last.terminate();
            last.awaitExit(Duration.ofSeconds(60));
            last.close();
        }

        Map<String, Long> completions = completionsIn(ledger);
        int successful = 0;
        int interrupted = 0;
        for (Map.Entry<String, JsonNode> end : ends.entrySet()) {
            JsonNode doc = end.getValue();
            String status = doc.path("status").asText();
            // why: a job interrupted by more kills than limits.max-interruptions fails, truthfully, as interrupted
            assertThat(status).as(end.getKey() + ": " + doc).isIn("successful", "failed");
            if (status.equals("successful")) {
                successful++;
                assertThat(completions.getOrDefault(end.getKey(), 0L)).as("a successful job ran to completion").isPositive();
                assertThat(dir.resolve("data/jobs/" + end.getKey() + "/out/ok.txt")).as("its output is kept").hasContent("ok");
            } else {
                interrupted++;
                assertThat(doc.path("reason").asText()).as("the only truthful failure here: " + doc).isEqualTo("interrupted");
            }
            assertThat(completions.getOrDefault(end.getKey(), 0L)).as("completions of %s never exceed its recorded attempts", end.getKey())
                    .isLessThanOrEqualTo(doc.path("attempts").asLong());
        }
        // why: a job committed just before a kill never had its 201 delivered; it ran, but no client knows it
        long unacknowledged = completions.keySet().stream().filter(id -> !accepted.containsKey(id)).count();
        assertThat(orphans()).as("job processes left alive").isEmpty();
        assertThat(integrityCheck()).isEqualTo("ok");
        assertThat(jobFolders()).as("no folder of an upload cut off before its commit is left").isSubsetOf(jobRows());
        assertThat(accepted).as("the clients got jobs accepted between the kills").hasSizeGreaterThan(KILLS);
        System.out.printf("fault injection: seed=%d kills=%d accepted=%d not-accepted=%d successful=%d failed-interrupted=%d"
                + " committed-but-unacknowledged=%d lost=0%n", seed, KILLS, accepted.size(), notAccepted.get(), successful, interrupted,
                unacknowledged);
    }

    private Path config(int port, Path ledger) throws IOException {
        Path job = Scripts.write(dir, "job.sh", "printf 'ok' > \"$SLUICE_OUT/ok.txt\"\necho \"$SLUICE_JOB_ID\" >> \"" + ledger + "\"");
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "server: { listen: 127.0.0.1:" + port + ", drain-timeout: 30s }\n"
                + "storage: { data-dir: data }\n"
                + "queues:\n  default: { concurrency: 2 }\n"
                + "tasks:\n"
                + "  quick:\n    command: " + Scripts.command(job) + "\n    retries: 3\n"
                + "    outputs: { ok: { file: ok.txt, type: string } }\n"
                + "  upload:\n    command: " + Scripts.command(job, "{data}") + "\n    retries: 3\n"
                + "    inputs: { data: { type: file } }\n"
                + "    outputs: { ok: { file: ok.txt, type: string } }\n");
        return config;
    }

    private void submitLoop(String base, Function<String, HttpRequest> submission) {
        while (submitting.get()) {
            try {
                HttpResponse<String> r = client.send(submission.apply(base), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    accepted.put(JSON.readTree(r.body()).path("jobID").asText(), r.body());
                } else {
                    notAccepted.incrementAndGet();
                }
            } catch (IOException refusedOrCut) {
                notAccepted.incrementAndGet();
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private HttpRequest jsonSubmission(String base) {
        return HttpRequest.newBuilder(URI.create(base + "/processes/quick/execution"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}")).build();
    }

    private HttpRequest uploadSubmission(String base) {
        String boundary = "fault-boundary";
        byte[] data = new byte[256 * 1024];
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"data.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(base + "/processes/upload/execution"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, data, tail))).build();
    }

    /**
     * Waits until every acknowledged job has ended. An acknowledged job the server does not know is lost: that fails
     * the test at once, naming it, instead of waiting out the patience for a job that will never come.
     */
    private Map<String, JsonNode> awaitAllEnded(ServerProcess server) {
        Map<String, JsonNode> ends = new ConcurrentHashMap<>();
        Set<String> lost = ConcurrentHashMap.newKeySet();
        await().atMost(FINAL_PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            for (String id : accepted.keySet()) {
                if (!ends.containsKey(id)) {
                    HttpTestClient.Response r = server.http().get("/jobs/" + id);
                    if (r.status() == 404) {
                        lost.add(id);
                        continue;
                    }
                    JsonNode doc = r.json();
                    if (Set.of("successful", "failed", "dismissed").contains(doc.path("status").asText())) {
                        ends.put(id, doc);
                    }
                }
            }
            return !lost.isEmpty() || ends.size() == accepted.size();
        });
        assertThat(lost).as("acknowledged with 201, then unknown to the server: lost").isEmpty();
        return ends;
    }

    private static Map<String, Long> completionsIn(Path ledger) throws IOException {
        if (!Files.exists(ledger)) {
            return Map.of();
        }
        return Files.readAllLines(ledger).stream().filter(line -> !line.isBlank())
                .collect(Collectors.groupingBy(String::trim, Collectors.counting()));
    }

    /** Processes still carrying the environment of one of this test's jobs. */
    private List<Long> orphans() throws IOException {
        return dev.sluice.testing.JobProcesses.of(dir.resolve("data"));
    }

    private Set<String> jobFolders() throws IOException {
        try (Stream<Path> folders = Files.list(dir.resolve("data/jobs"))) {
            return folders.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private Set<String> jobRows() throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        try (Connection db = TestServer.database(dir);
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM jobs")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /**
     * SQLite's integrity check of the file; on PostgreSQL, amcheck's check of every index of Sluice's tables against
     * their rows (it throws on a corrupt one), as a kill there can only cut a connection, not a write.
     */
    private String integrityCheck() throws Exception {
        if (TestServer.onPostgres()) {
            try (Connection db = TestServer.database(dir); Statement statement = db.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
                try (ResultSet rs = statement.executeQuery("SELECT count(bt_index_check(i.indexrelid, true)) FROM pg_index i"
                        + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_am a ON a.oid = c.relam WHERE n.nspname = 'public' AND a.amname = 'btree'")) {
                    return rs.next() && rs.getInt(1) > 0 ? "ok" : "no index checked";
                }
            }
        }
        try (Connection db = TestServer.database(dir);
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
