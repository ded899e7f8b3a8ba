package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.ClusterNodes.Node;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** What the cluster tests do as clients of their nodes: submit jobs, keep submitting, and wait for the jobs' ends. */
final class ClusterClients {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Set<String> FINAL = Set.of("successful", "failed", "dismissed");

    private ClusterClients() {
    }

    /** Submits one job to {@code node}, which must accept it. */
    static String submit(Node node, String task, String inputs) {
        HttpTestClient.Response r = node.http().postJsonAsync("/processes/" + task + "/execution", "{\"inputs\": " + inputs + "}");
        assertThat(r.status()).as("submit to %s: %s", node, r.body()).isEqualTo(201);
        return r.json().path("jobID").asText();
    }

    /**
     * Submits naps of 100–500 ms to {@code node} until {@code submitting} is off (or 150 were accepted), counting
     * refusals and connections that fail while the node is down.
     */
    static void submitLoop(Node node, Random random, Set<String> accepted, AtomicInteger refused, AtomicBoolean submitting) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (submitting.get() && accepted.size() < 150) {
            int ms = 100 + random.nextInt(400);
            HttpRequest request = HttpRequest.newBuilder(URI.create(node.http().base() + "/processes/nap/execution"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("Prefer", "respond-async")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"ms\": " + ms + "}}")).build();
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    accepted.add(TestServer.parse(r.body()).path("jobID").asText());
                } else {
                    refused.incrementAndGet();
                }
                Thread.sleep(100 + random.nextInt(300));
            } catch (IOException downOrCut) {
                refused.incrementAndGet();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits until every job has ended, asking whichever node is up; a job no node knows is lost, and fails the test. */
    static Map<String, JsonNode> awaitEnds(ClusterNodes cluster, Set<String> ids) {
        Map<String, JsonNode> ends = new ConcurrentHashMap<>();
        Set<String> lost = ConcurrentHashMap.newKeySet();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            HttpTestClient http = cluster.anyLive().http();
            for (String id : ids) {
                if (!ends.containsKey(id)) {
                    HttpTestClient.Response r = http.get("/jobs/" + id);
                    if (r.status() == 404) {
                        lost.add(id);
                    } else if (FINAL.contains(r.json().path("status").asText())) {
                        ends.put(id, r.json());
                    }
                }
            }
            return !lost.isEmpty() || ends.size() == ids.size();
        });
        assertThat(lost).as("acknowledged with 201, then unknown to the cluster: lost").isEmpty();
        return ends;
    }
}
