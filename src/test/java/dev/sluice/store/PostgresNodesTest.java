package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes registered on one database: leases kept on the database's clock, one leader, the rescue of a dead node's
 * running jobs, and the fence that refuses whatever a rescued node still tries to record. Leases here are short so the
 * tests need not wait long for one to run out; every wait is bounded.
 */
class PostgresNodesTest {

    private static final Duration SHORT_LEASE = Duration.ofMillis(600);
    private static final Duration LONG_LEASE = Duration.ofMinutes(5);
    private static final Duration BOUND = Duration.ofSeconds(30);

    private PostgresSettings database;
    private final List<JobStore> opened = new ArrayList<>();

    @BeforeEach
    void newDatabase() {
        database = PostgresServer.shared().newDatabase();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(JobStore::close);
    }

    @Test
    void every_node_is_listed_with_its_lease_and_one_of_them_leads() {
        JobStore a = node("a", LONG_LEASE, Map.of());
        JobStore b = node("b", LONG_LEASE, Map.of());

        assertThat(cluster(a).lead()).isTrue();
        assertThat(cluster(b).lead()).isFalse();
        assertThat(cluster(a).lead()).as("the holder keeps the role").isTrue();

        assertThat(cluster(a).databaseUp()).isPositive();
        List<NodeRecord> nodes = cluster(b).nodes();
        assertThat(nodes).extracting(NodeRecord::name).containsExactly("a", "b");
        assertThat(nodes).allSatisfy(n -> assertThat(n.alive()).isTrue());
        assertThat(nodes).filteredOn(NodeRecord::leader).extracting(NodeRecord::id).containsExactly(cluster(a).self());
        assertThat(cluster(a).dead()).isEmpty();
    }

    @Test
    void a_dead_nodes_running_job_is_taken_over_and_what_the_dead_node_records_afterwards_is_refused() {
        JobStore dying = node("dying", SHORT_LEASE, Map.of());
        JobStore rescuer = node("rescuer", LONG_LEASE, Map.of());
        Job job = insert(dying, "q");
        Job claimed = dying.claimNext("q").orElseThrow();
        assertThat(claimed.id()).isEqualTo(job.id());
        assertThat(rescuer.runningHere("q")).isEmpty();
        assertThat(dying.runningHere("q")).containsExactly(job.id());

        // the dying node stops renewing (paused, cut off); once its lease has run out on the database's clock it is dead
        await().atMost(BOUND).until(() -> !cluster(rescuer).dead().isEmpty());
        DeadNode dead = cluster(rescuer).dead().getFirst();
        assertThat(dead.id()).isEqualTo(cluster(dying).self());
        assertThat(cluster(rescuer).adopt(dead)).extracting(Job::id).containsExactly(job.id());

        assertThatThrownBy(() -> dying.finish(job.id(), JobState.RUNNING, new JobOutcome.Succeeded("late")))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("no longer run by this node");
        assertThatThrownBy(() -> dying.requeue(job.id(), RequeueCause.INTERRUPTED, "late"))
                .isInstanceOf(IllegalTransitionException.class);
        dying.updateProgress(job.id(), 77, "late progress");
        dying.recordWorker(job.id(), new Job.WorkerProcess(4242, java.time.Instant.now()));
        Job untouched = rescuer.find(job.id()).orElseThrow();
        assertThat(untouched.progress()).isEmpty();
        assertThat(untouched.worker()).isEmpty();
        assertThat(untouched.state()).isEqualTo(JobState.RUNNING);

        Job requeued = rescuer.requeue(job.id(), RequeueCause.INTERRUPTED, "re-queued: its node died");
        assertThat(requeued.state()).isEqualTo(JobState.ACCEPTED);
        assertThat(requeued.interruptions()).isEqualTo(1);

        // the dead node learns it lost its registration at its next renewal, and joins again under a new one
        String old = cluster(dying).self();
        assertThat(cluster(dying).renew()).isFalse();
        cluster(dying).rejoin();
        assertThat(cluster(dying).self()).isNotEqualTo(old);
        assertThat(cluster(dying).renew()).isTrue();
        Job again = dying.claimNext("q").orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(dying.finish(job.id(), JobState.RUNNING, new JobOutcome.Succeeded("done")).state()).isEqualTo(JobState.SUCCESSFUL);
    }

    @Test
    void a_node_whose_registration_is_gone_claims_nothing() {
        JobStore gone = node("gone", LONG_LEASE, Map.of());
        JobStore other = node("other", LONG_LEASE, Map.of());
        Job job = insert(other, "q");
        cluster(gone).leave();

        assertThat(gone.claimNext("q")).isEmpty();
        assertThat(other.find(job.id()).orElseThrow().state()).isEqualTo(JobState.ACCEPTED);
        assertThat(other.claimNext("q")).isPresent();
    }

    @Test
    void a_node_that_renewed_in_time_is_not_adopted() {
        JobStore slow = node("slow", SHORT_LEASE, Map.of());
        JobStore rescuer = node("rescuer", LONG_LEASE, Map.of());
        insert(slow, "q");
        slow.claimNext("q").orElseThrow();
        await().atMost(BOUND).until(() -> !cluster(rescuer).dead().isEmpty());
        DeadNode seen = cluster(rescuer).dead().getFirst();

        assertThat(cluster(slow).renew()).isTrue();

        assertThat(cluster(rescuer).adopt(seen)).isEmpty();
        assertThat(slow.runningHere("q")).hasSize(1);
        assertThat(cluster(rescuer).nodes()).extracting(NodeRecord::name).contains("slow");
    }

    @Test
    void a_restarted_node_takes_over_what_its_earlier_start_left_running_without_waiting_for_that_lease() {
        JobStore earlier = node("n1", LONG_LEASE, Map.of());
        Job job = insert(earlier, "q");
        earlier.claimNext("q").orElseThrow();
        JobStore restarted = node("n1", LONG_LEASE, Map.of());
        JobStore other = node("n2", LONG_LEASE, Map.of());

        assertThat(cluster(other).earlierSelves()).isEmpty();
        List<DeadNode> earlierSelves = cluster(restarted).earlierSelves();
        assertThat(earlierSelves).extracting(DeadNode::id).containsExactly(cluster(earlier).self());
        assertThat(cluster(restarted).adopt(earlierSelves.getFirst())).extracting(Job::id).containsExactly(job.id());
        assertThat(restarted.runningHere("q")).containsExactly(job.id());
        assertThat(cluster(restarted).nodes()).extracting(NodeRecord::name).containsExactly("n1", "n2");
    }

    @Test
    void the_leader_role_passes_on_once_its_holder_stops_renewing() {
        JobStore first = node("first", SHORT_LEASE, Map.of());
        JobStore second = node("second", SHORT_LEASE, Map.of());
        assertThat(cluster(first).lead()).isTrue();
        assertThat(cluster(second).lead()).isFalse();

        await().atMost(BOUND).until(() -> {
            cluster(second).renew();
            return cluster(second).lead();
        });
        assertThat(cluster(first).lead()).as("the role is taken; the old holder does not take it back").isFalse();
    }

    @Test
    void a_queue_capped_across_the_cluster_runs_no_more_than_its_cap_on_all_nodes_together() {
        JobStore a = node("a", LONG_LEASE, Map.of("q", 1));
        JobStore b = node("b", LONG_LEASE, Map.of("q", 1));
        JobStore uncapped = node("c", LONG_LEASE, Map.of());
        insert(a, "q");
        Job second = insert(b, "q");
        insert(a, "free");
        insert(a, "free");

        Job running = a.claimNext("q").orElseThrow();
        assertThat(b.claimNext("q")).isEmpty();
        assertThat(a.claimNext("q")).isEmpty();
        assertThat(b.claimNext("free")).isPresent();
        assertThat(a.claimNext("free")).as("other queues are not capped").isPresent();

        a.finish(running.id(), JobState.RUNNING, new JobOutcome.Succeeded("done"));
        assertThat(b.claimNext("q")).map(Job::id).contains(second.id());
        assertThat(uncapped.count("q", JobState.RUNNING)).isEqualTo(1);
    }

    @Test
    void a_cancel_asked_on_one_node_is_seen_by_the_node_that_runs_the_job() {
        JobStore runner = node("runner", LONG_LEASE, Map.of());
        JobStore asker = node("asker", LONG_LEASE, Map.of());
        Job waiting = insert(runner, "q");
        assertThat(cluster(asker).requestCancel(waiting.id())).as("only a running job is asked to stop").isFalse();
        Job job = runner.claimNext("q").orElseThrow();

        assertThat(cluster(asker).requestCancel(job.id())).isTrue();

        assertThat(cluster(asker).cancelsRequested()).isEmpty();
        assertThat(cluster(runner).cancelsRequested()).containsExactly(job.id());
        runner.requeue(job.id(), RequeueCause.RETRY, "again");
        runner.claimNext("q").orElseThrow();
        assertThat(cluster(runner).cancelsRequested()).as("a new run starts without the old request").isEmpty();
    }

    @Test
    void a_callback_delivery_is_made_by_the_node_that_recorded_it_until_that_node_is_dead() {
        JobStore dying = node("dying", SHORT_LEASE, Map.of());
        JobStore survivor = node("survivor", LONG_LEASE, Map.of());
        Job job = insert(dying, "q");
        java.time.Instant now = java.time.Instant.now();
        PendingDelivery delivery = dying.callbacks().add(new PendingDelivery(0, job.id(), "successUri", "https://example.org/hook",
                "{}", 0, now, now));
        assertThat(survivor.callbacks().shared()).isTrue();
        assertThat(survivor.callbacks().pending()).as("a live node's delivery is its own").isEmpty();

        await().atMost(BOUND).until(() -> !cluster(survivor).dead().isEmpty());

        assertThat(survivor.callbacks().pending()).extracting(PendingDelivery::id).containsExactly(delivery.id());
        assertThat(survivor.callbacks().pending()).as("taken over once, then the survivor's own").isEmpty();
        assertThat(dying.callbacks().pending()).as("the dead node's registration is still listed but its lease ran out").isEmpty();
    }

    private JobStore node(String name, Duration lease, Map<String, Integer> clusterLimits) {
        JobStore store = PostgresJobStore.openAsNode(database, Clock.systemUTC(),
                new NodeRegistration(name, "marker-" + name, "test", 1L << 30, lease), clusterLimits);
        opened.add(store);
        return store;
    }

    private static ClusterStore cluster(JobStore store) {
        return store.cluster().orElseThrow();
    }

    private static Job insert(JobStore node, String queue) {
        return node.insert(new NewJob(JobId.random(), "echo", queue, Map.of("message", "hello"), 0));
    }
}
