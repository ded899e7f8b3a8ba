package dev.sluice.app;

import static dev.sluice.app.ClusterClients.PATIENCE;
import static dev.sluice.app.ClusterClients.awaitEnds;
import static dev.sluice.app.ClusterClients.submit;
import static dev.sluice.app.ClusterClients.submitLoop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.ClusterNodes.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes on one real PostgreSQL database stopped with SIGTERM and a drain timeout, as an upgrade stops them: what they
 * run, and what they claim while the stop begins, ends by itself during the drain, so no job is interrupted and none
 * runs twice. The jobs' own ledger ({@link RunLedger}) tells what really ran, and where.
 */
class ClusterDrainTest {

    // why: far above any job's length here, so only a job the drain forgot can be stopped
    private static final String DRAIN = "60s";

    @TempDir
    Path dir;

    private RunLedger ledger;

    @BeforeEach
    void ledger() {
        ledger = new RunLedger(dir.resolve("ledger"), dir.resolve("scripts"));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void a_rolling_restart_of_every_node_under_load_interrupts_no_job_and_runs_none_twice() throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean submitting = new AtomicBoolean(true);
        try (ClusterNodes cluster = ClusterNodes.create(dir, "queues:\n  default: { concurrency-per-node: 2 }\n"
                + ledger.napTask("default"), DRAIN)) {
            List<Node> nodes = cluster.start("r1", "r2");
            Random random = new Random(1);
            List<Thread> clients = new ArrayList<>();
            for (Node node : nodes) {
                long clientSeed = random.nextLong();
                clients.add(Thread.ofPlatform().name("client-" + node.name()).start(
                        () -> submitLoop(node, new Random(clientSeed), accepted, refused, submitting)));
            }
            try {
                // why: as an upgrade goes, one node at a time: stopped (it drains and leaves), started again, then the next
                for (Node node : nodes) {
                    int before = accepted.size();
                    await().atMost(PATIENCE).until(() -> accepted.size() >= before + 10);
                    node.stop();
                    assertThat(cluster.registered()).as("a node that stopped has left").doesNotContain(node.name());
                    node.restart();
                }
            } finally {
                submitting.set(false);
                for (Thread client : clients) {
                    client.join(Duration.ofSeconds(30));
                }
            }

            Map<String, JsonNode> ends = awaitEnds(cluster, accepted);
            Map<String, List<RunLedger.Run>> runs = ledger.runs();
            for (Map.Entry<String, JsonNode> end : ends.entrySet()) {
                JsonNode doc = end.getValue();
                assertThat(doc.path("status").asText()).as("%s", doc).isEqualTo("successful");
                assertThat(doc.path("attempts").asInt()).as("%s", doc).isEqualTo(1);
                assertThat(doc.path("interruptions").asInt()).as("%s", doc).isZero();
                assertThat(runs.getOrDefault(end.getKey(), List.of()))
                        .as("%s ran once, to its end", end.getKey()).singleElement().matches(RunLedger.Run::completed);
            }
            assertThat(cluster.registered()).containsExactlyInAnyOrder("r1", "r2");
            assertThat(cluster.jobProcesses()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_job_claimed_in_the_commit_that_ends_its_queues_last_job_as_the_stop_begins_runs_within_the_drain() throws Exception {
        Path gate = dir.resolve("gate");
        try (ClusterNodes cluster = ClusterNodes.create(dir, "queues:\n  default: { concurrency: 1 }\n"
                + ledger.gatedTask(gate), DRAIN)) {
            Node node = cluster.start("a").getFirst();
            long stoppedNode = node.pid();
            String first = submit(node, "gated", "{}");
            await().atMost(PATIENCE).until(() -> ledger.runs(first).size() == 1);
            String next = submit(node, "gated", "{}");
            try (Connection db = cluster.database()) {
                db.setAutoCommit(false);
                // why: holding the first job's row keeps its end, which claims the next job in the same commit,
                // from committing until the stop has begun
                lockRow(db, first);
                Files.createFile(gate);
                await().atMost(PATIENCE).until(() -> endWaitsForLock(cluster));
                Thread stop = Thread.ofVirtual().start(() -> {
                    try {
                        node.stop();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                await().atMost(PATIENCE).until(() -> node.log().contains("event=draining"));
                db.commit();
                stop.join(Duration.ofSeconds(70));
                assertThat(node.live()).as("the node stopped").isFalse();
            }

            assertThat(ledger.runs(next)).as("the next job ran on the stopping node, to its end")
                    .singleElement().satisfies(run -> {
                        assertThat(run.node()).isEqualTo(stoppedNode);
                        assertThat(run.completed()).isTrue();
                    });
            node.restart();
            JsonNode ended = awaitEnds(cluster, Set.of(next)).get(next);
            assertThat(ended.path("status").asText()).as("%s", ended).isEqualTo("successful");
            assertThat(ended.path("attempts").asInt()).as("%s", ended).isEqualTo(1);
            assertThat(ended.path("interruptions").asInt()).as("%s", ended).isZero();
            assertThat(node.log()).doesNotContain("event=stop-incomplete");
        }
    }

    private static void lockRow(Connection db, String job) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("SELECT id FROM jobs WHERE id = ? FOR UPDATE")) {
            lock.setString(1, job);
            assertThat(lock.executeQuery().next()).as("the job's row").isTrue();
        }
    }

    // why: the node's end of the job (the update that sets its state and finish time) waits for the row's lock
    private static boolean endWaitsForLock(ClusterNodes cluster) throws SQLException {
        return cluster.count("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query LIKE 'UPDATE jobs SET state = %finished = %'") == 1;
    }
}
