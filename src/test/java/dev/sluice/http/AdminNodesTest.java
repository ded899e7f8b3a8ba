package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * `GET /admin/nodes` of a node alone on its SQLite file: the same shape as on a shared database, {@code cluster} false
 * and this node the only entry; the admin page and `/metrics` show nothing of a cluster. (PostgresAdminNodesTest has
 * nodes that share a database.)
 */
class AdminNodesTest extends ServerFixture {

    private Path gate;

    // why: a node alone is a node on SQLite, in the PostgreSQL pass too (the variable outweighs the test config's database)
    private void startAlone(Map<String, String> env) {
        Map<String, String> alone = new java.util.HashMap<>(env);
        alone.put("SLUICE_STORAGE_DATABASE", "embedded");
        startServer(alone);
    }

    private void startServer(Map<String, String> env) {
        gate = dir.resolve("gate");
        Path wait = Scripts.write(dir.resolve("scripts"), "wait.sh", "while [ ! -e \"" + gate + "\" ]; do sleep 0.05; done");
        server = TestServer.start(dir, "tasks:\n  wait: { command: " + Scripts.command(wait) + " }\n", env);
    }

    @AfterEach
    void openGate() throws Exception {
        if (gate != null) {
            Files.writeString(gate, "open");
        }
    }

    @Test
    void a_node_alone_lists_itself_named_local_alive_and_leading_with_its_running_jobs() {
        startAlone(Map.of());
        String running = server.submit("wait", "{}");
        server.awaitStatus(running, "running");

        JsonNode doc = server.http().get("/admin/nodes").json();

        assertThat(doc.path("cluster").asBoolean(true)).isFalse();
        assertThat(doc.path("nodes")).hasSize(1);
        JsonNode self = doc.path("nodes").get(0);
        assertThat(self.path("name").asText()).isEqualTo("local");
        assertThat(self.path("self").asBoolean()).isTrue();
        assertThat(self.path("alive").asBoolean()).isTrue();
        assertThat(self.path("leader").asBoolean()).isTrue();
        assertThat(self.path("runningJobs").asInt()).isEqualTo(1);
        assertThat(self.path("memoryBudget").asLong()).isPositive();
        assertThat(self.path("version").asText()).isNotBlank();
        assertThat(self.path("started").asText()).isNotBlank();
        assertThat(self.path("leaseAgeSeconds").isNull()).as("no lease alone").isTrue();
        assertThat(self.path("leaseLeftSeconds").isNull()).isTrue();
    }

    @Test
    void a_node_alone_goes_by_its_configured_name() {
        startAlone(Map.of("SLUICE_NODE_NAME", "solo"));

        assertThat(server.http().get("/admin/nodes").json().path("nodes").get(0).path("name").asText()).isEqualTo("solo");
    }

    @Test
    void without_an_admin_password_the_nodes_are_refused_from_elsewhere_as_the_status_is() {
        startServer(Map.of());
        Map<String, String> proxied = Map.of("X-Forwarded-For", "203.0.113.9");

        assertThat(server.http().get("/admin/nodes", proxied).status())
                .isEqualTo(server.http().get("/admin/status", proxied).status()).isEqualTo(403);
        assertThat(server.http().get("/admin/nodes").status()).as("from this machine").isEqualTo(200);
    }

    @Test
    void a_node_alone_shows_no_nodes_table_and_no_cluster_series() {
        startAlone(Map.of("SLUICE_NODE_NAME", "solo"));

        assertThat(server.http().get("/admin", Map.of("Accept", "text/html")).body()).doesNotContain("id=\"nodes\"");
        assertThat(server.http().get("/metrics").body()).doesNotContain("node=", "sluice_cluster_")
                .contains("sluice_queue_waiting{queue=\"default\"} 0.0");
    }
}
