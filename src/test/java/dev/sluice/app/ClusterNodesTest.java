package dev.sluice.app;

import static dev.sluice.app.ClusterClients.PATIENCE;
import static dev.sluice.app.ClusterClients.awaitEnds;
import static dev.sluice.app.ClusterClients.submit;
import static dev.sluice.app.ClusterClients.submitLoop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.ClusterNodes.Node;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.Scripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes, each a `sluice serve` process, on one real PostgreSQL database and one data folder: nodes killed at
 * random instants, a node paused past its lease, a queue capped across nodes, a schedule whose leader dies, and a
 * restart of the database. The jobs' own ledger ({@link RunLedger}) tells what really ran, and where.
 */
class ClusterNodesTest {

    @TempDir
    Path dir;

    private RunLedger ledger;

    @BeforeEach
    void ledger() {
        ledger = new RunLedger(dir.resolve("ledger"), dir.resolve("scripts"));
    }

    // why: 5 node deaths, each node restart a JVM start on a small machine, then every job's end
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void jobs_submitted_to_three_nodes_killed_at_random_instants_each_end_once_and_none_is_lost() throws Exception {
        long seed = Long.getLong("sluice.cluster.seed", System.nanoTime());
        System.out.println("cluster fault injection seed=" + seed + " (replay with -Dsluice.cluster.seed=" + seed + ")");
        Random random = new Random(seed);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean submitting = new AtomicBoolean(true);
        int kills = 5;
        try (ClusterNodes cluster = ClusterNodes.create(dir, "queues:\n  default: { concurrency: 6, concurrency-per-node: 2 }\n"
                + ledger.napTask("default"))) {
            List<Node> nodes = cluster.start("n1", "n2", "n3");
            List<Thread> clients = new ArrayList<>();
            for (Node node : nodes) {
                long clientSeed = random.nextLong();
                clients.add(Thread.ofPlatform().name("client-" + node.name()).start(
                        () -> submitLoop(node, new Random(clientSeed), accepted, refused, submitting)));
            }
            List<Thread> restarts = new ArrayList<>();
            try {
                for (int kill = 0; kill < kills; kill++) {
                    Thread.sleep(500 + random.nextInt(2000));
                    // why: one node at least keeps taking jobs while another is down
                    await().atMost(PATIENCE).until(() -> nodes.stream().filter(Node::live).count() >= 2);
                    List<Node> up = nodes.stream().filter(Node::live).toList();
                    Node victim = up.get(random.nextInt(up.size()));
                    // why: a node back at once rescues its earlier start itself; one back after its lease finds the
                    // leader did it
                    long away = random.nextBoolean() ? random.nextInt(1000) : ClusterNodes.LEASE.toMillis() + 1000 + random.nextInt(2000);
                    System.out.printf("cluster fault injection: kill %d of %s, back after %d ms%n", kill + 1, victim, away);
                    victim.kill();
                    restarts.add(Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(away);
                            victim.restart();
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                for (Thread restart : restarts) {
                    restart.join();
                }
            } finally {
                submitting.set(false);
                for (Thread client : clients) {
                    client.join(Duration.ofSeconds(30));
                }
            }
            assertThat(nodes).as("every node was started again").allSatisfy(node -> assertThat(node.live()).isTrue());

            Map<String, JsonNode> ends = awaitEnds(cluster, accepted);
            Map<String, List<RunLedger.Run>> runs = ledger.runs();
            int interrupted = 0;
            for (Map.Entry<String, JsonNode> end : ends.entrySet()) {
                String id = end.getKey();
                JsonNode doc = end.getValue();
                assertThat(doc.path("status").asText()).as("%s: %s", id, doc).isEqualTo("successful");
                assertThat(doc.path("attempts").asInt() - doc.path("interruptions").asInt())
                        .as("%s ran again only when interrupted: %s", id, doc).isEqualTo(1);
                interrupted += doc.path("interruptions").asInt() > 0 ? 1 : 0;
                List<RunLedger.Run> ofJob = runs.getOrDefault(id, List.of());
                assertThat(ofJob.size()).as("runs of %s never exceed its attempts: %s", id, ofJob).isLessThanOrEqualTo(doc.path("attempts").asInt());
                long recorded = Long.parseLong(Files.readString(cluster.dataDir().resolve("jobs/" + id + "/out/run.txt")).trim());
                assertThat(ofJob).as("%s: its recorded result comes from one run, the last one, which finished", id).isNotEmpty();
                RunLedger.Run last = ofJob.getLast();
                assertThat(last.pid()).as("%s: %s", id, ofJob).isEqualTo(recorded);
                assertThat(last.completed()).as("%s: %s", id, ofJob).isTrue();
            }
            assertThat(cluster.jobProcesses()).as("job processes left alive").isEmpty();
            assertThat(accepted).as("the clients got jobs accepted").hasSizeGreaterThan(kills * 5);
            System.out.printf("cluster fault injection: seed=%d kills=%d accepted=%d refused=%d interrupted-jobs=%d runs=%d lost=0%n",
                    seed, kills, accepted.size(), refused.get(), interrupted, runs.values().stream().mapToInt(List::size).sum());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_node_paused_past_its_lease_has_its_job_rerun_elsewhere_and_its_late_end_refused() throws Exception {
        Path gate = dir.resolve("gate");
        try (ClusterNodes cluster = ClusterNodes.create(dir, ledger.gatedTask(gate))) {
            List<Node> nodes = cluster.start("a", "b");
            String id = submit(nodes.get(0), "gated", "{}");
            await().atMost(PATIENCE).until(() -> ledger.runs(id).size() == 1);
            RunLedger.Run stale = ledger.runs(id).getFirst();
            Node owner = nodes.stream().filter(n -> n.pid() == stale.node()).findFirst().orElseThrow();
            Node other = nodes.stream().filter(n -> n != owner).findFirst().orElseThrow();
            assertThat(cluster.runningOn(id)).contains(owner.name());

            owner.pause();
            await().atMost(PATIENCE).until(() -> ledger.runs(id).size() == 2);
            RunLedger.Run rerun = ledger.runs(id).getLast();
            assertThat(rerun.node()).as("re-run by the other node").isEqualTo(other.pid());
            assertThat(cluster.runningOn(id)).contains(other.name());
            JsonNode running = other.http().get("/jobs/" + id).json();
            assertThat(running.path("status").asText()).isEqualTo("running");
            assertThat(running.path("interruptions").asInt()).isEqualTo(1);

            owner.resume();
            await().atMost(PATIENCE).until(() -> owner.log().contains("event=rejoined"));
            assertThat(owner.log()).contains("event=lease-lost");
            awaitOrShow(() -> !Scripts.alive(stale.pid()), "the stale run " + stale + " ended", owner, other);
            assertThat(Scripts.alive(rerun.pid())).as("the re-run lives on after the stale node stopped its runs").isTrue();

            Files.createFile(gate);
            JsonNode ended = awaitEnds(cluster, Set.of(id)).get(id);
            assertThat(ended.path("status").asText()).as("%s", ended).isEqualTo("successful");
            assertThat(ended.path("attempts").asInt()).isEqualTo(2);
            assertThat(ended.path("interruptions").asInt()).isEqualTo(1);
            assertThat(Files.readString(cluster.dataDir().resolve("jobs/" + id + "/out/run.txt")).trim())
                    .as("the result is the re-run's").isEqualTo(String.valueOf(rerun.pid()));
            assertThat(ledger.runs(id)).as("the stale run never finished its work").filteredOn(RunLedger.Run::completed)
                    .extracting(RunLedger.Run::pid).containsExactly(rerun.pid());
            // why: refused by the store's fence when the stale run ended before its node saw its lease lost, else never
            // tried (the node abandoned its runs when it saw it)
            assertThat(owner.log()).as("the stale node's end of its run was refused or never tried")
                    .containsAnyOf("event=run-outlived-its-job job=" + id, "event=abandoned-run-ended job=" + id);
            assertThat(cluster.registered()).containsExactlyInAnyOrder("a", "b");
            assertThat(cluster.jobProcesses()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_queue_of_concurrency_one_runs_one_job_at_a_time_across_nodes() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create(dir, "queues:\n  one: { concurrency: 1 }\n" + ledger.napTask("one"))) {
            List<Node> nodes = cluster.start("a", "b", "c");
            Set<String> ids = ConcurrentHashMap.newKeySet();
            // why: in bursts of one job per node at once, every node's dispatcher is woken to claim at the same
            // moment (a node that finishes a job claims the next one itself, so a long line would stay on one node)
            for (int burst = 0; burst < 7; burst++) {
                List<java.util.concurrent.Future<String>> sending;
                try (var senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                    sending = nodes.stream().map(node -> senders.submit(() -> submit(node, "nap", "{\"ms\": 150}"))).toList();
                }
                Set<String> sent = new java.util.HashSet<>();
                for (java.util.concurrent.Future<String> id : sending) {
                    sent.add(id.get());
                }
                awaitEnds(cluster, sent).values().forEach(doc -> assertThat(doc.path("status").asText()).isEqualTo("successful"));
                ids.addAll(sent);
            }

            List<RunLedger.Run> runs = ledger.runs().values().stream().flatMap(List::stream)
                    .sorted(java.util.Comparator.comparingLong(RunLedger.Run::start)).toList();
            assertThat(runs).hasSize(ids.size()).allSatisfy(run -> assertThat(run.completed()).isTrue());
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i).start()).as("run %s starts after %s ended", runs.get(i), runs.get(i - 1))
                        .isGreaterThan(runs.get(i - 1).end().orElseThrow());
            }
            System.out.println("concurrency 1: runs by node pid " + runs.stream().collect(
                    java.util.stream.Collectors.groupingBy(RunLedger.Run::node, java.util.stream.Collectors.counting())));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_schedule_fires_each_tick_once_and_goes_on_after_its_leader_dies() throws Exception {
        ClusterNodes cluster = ClusterNodes.create(dir, "tasks:\n  beat:\n    command: [\"true\"]\n"
                + "schedules:\n  beat: { task: beat, every: 1s, overlap: queue }\n");
        try (cluster) {
            cluster.start("a", "b");
            await().atMost(PATIENCE).until(() -> lastTick(cluster) > 0);
            for (int death = 0; death < 3; death++) {
                await().atMost(PATIENCE).until(() -> cluster.leader().isPresent());
                String name = cluster.leader().orElseThrow();
                Node leader = cluster.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
                long killed = System.currentTimeMillis();
                leader.kill();
                // why: the first time the dead leader stays away until a tick came, so the other node must take over
                Thread restart = death > 0 ? restartInBackground(leader) : null;
                await().atMost(PATIENCE).until(() -> lastTick(cluster) > killed + 1000);
                System.out.printf("schedule: leader %s killed; a tick fired %d ms after%n", name,
                        cluster.count("SELECT MIN(recorded) FROM schedule_ticks WHERE tick > " + (killed + 1000)) - killed);
                (restart != null ? restart : restartInBackground(leader)).join();
                assertThat(leader.live()).as("%s started again", leader).isTrue();
            }
            long last = lastTick(cluster);
            await().atMost(PATIENCE).until(() -> lastTick(cluster) >= last + 2000);
        }
        long fired = cluster.count("SELECT COUNT(*) FROM schedule_ticks WHERE schedule = 'beat' AND outcome = 'fired'");
        assertThat(fired).isGreaterThan(5);
        assertThat(cluster.count("SELECT COUNT(DISTINCT job_id) FROM schedule_ticks WHERE outcome = 'fired'")).isEqualTo(fired);
        assertThat(cluster.count("SELECT COUNT(*) FROM jobs WHERE schedule = 'beat'")).as("one job per fired tick").isEqualTo(fired);
        assertThat(cluster.count("SELECT COUNT(*) FROM schedule_ticks t JOIN jobs j ON j.id = t.job_id AND j.schedule = 'beat'"))
                .as("each tick's job is there").isEqualTo(fired);
        assertThat(cluster.count("SELECT COUNT(*) FROM schedule_ticks WHERE tick % 1000 <> 0")).as("ticks on whole seconds").isZero();
        assertThat(cluster.count("SELECT COUNT(*) FROM jobs WHERE schedule = 'beat' AND state NOT IN ('successful', 'accepted')"))
                .as("no scheduled job failed or was left running").isZero();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_restart_of_the_database_answers_503_meanwhile_and_loses_no_job() throws Exception {
        Path gate = dir.resolve("gate");
        try (ClusterNodes cluster = ClusterNodes.create(dir, ledger.gatedTask(gate) + "  nap:\n    command: [\"true\"]\n")) {
            List<Node> nodes = cluster.start("a", "b");
            String before = submit(nodes.get(1), "nap", "{}");
            String running = submit(nodes.get(0), "gated", "{}");
            await().atMost(PATIENCE).until(() -> ledger.runs(running).size() == 1);
            assertThat(awaitEnds(cluster, Set.of(before)).get(before).path("status").asText()).isEqualTo("successful");

            PostgresServer.shared().halt();
            try {
                Files.createFile(gate);
                for (Node node : nodes) {
                    HttpTestClient.Response refused = node.http().postJsonAsync("/processes/nap/execution", "{\"inputs\": {}}");
                    assertThat(refused.status()).as("%s: %s", node, refused.body()).isEqualTo(503);
                    assertThat(refused.header("Retry-After")).isNotNull();
                    assertThat(refused.json().path("type").asText()).endsWith("store-unavailable");
                }
            } finally {
                PostgresServer.shared().resume();
            }

            Set<String> after = ConcurrentHashMap.newKeySet();
            for (Node node : nodes) {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                    HttpTestClient.Response r = node.http().postJsonAsync("/processes/nap/execution", "{\"inputs\": {}}");
                    assertThat(r.status()).as("%s: %s", node, r.body()).isIn(201, 503);
                    return r.status() == 201 && after.add(r.json().path("jobID").asText());
                });
            }
            after.add(running);
            after.add(before);
            Map<String, JsonNode> ends = awaitEnds(cluster, after);
            assertThat(ends.values()).allSatisfy(doc -> assertThat(doc.path("status").asText()).as("%s", doc).isEqualTo("successful"));
            JsonNode acrossOutage = ends.get(running);
            assertThat(acrossOutage.path("attempts").asInt()).as("%s", acrossOutage).isEqualTo(1);
            assertThat(ledger.runs(running)).hasSize(1);
            for (Node node : nodes) {
                assertThat(node.log()).as("%s kept its registration", node).doesNotContain("event=lease-lost");
            }
            assertThat(cluster.registered()).containsExactlyInAnyOrder("a", "b");
        }
    }

    /** Waits as long as the cluster's other waits; when in vain, the failure shows what the nodes logged. */
    private static void awaitOrShow(Callable<Boolean> condition, String what, Node... nodes) throws IOException {
        try {
            await().atMost(PATIENCE).until(condition);
        } catch (ConditionTimeoutException late) {
            StringBuilder logs = new StringBuilder();
            for (Node node : nodes) {
                String log = node.log();
                logs.append("\n--- ").append(node).append(", the end of its log:\n").append(log.substring(Math.max(0, log.length() - 6000)));
            }
            throw new AssertionError("not within " + PATIENCE + ": " + what + logs, late);
        }
    }

    private static Thread restartInBackground(Node node) {
        return Thread.ofVirtual().start(() -> {
            try {
                node.restart();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static long lastTick(ClusterNodes cluster) throws java.sql.SQLException {
        return cluster.count("SELECT COALESCE(MAX(tick), 0) FROM schedule_ticks WHERE schedule = 'beat' AND outcome = 'fired'");
    }
}
