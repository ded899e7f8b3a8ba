package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.config.PasswordHash;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes on one real PostgreSQL database and one data folder, as an operator sees them: `GET /admin/nodes` on
 * either lists both (the leader and the answering node marked), the admin page shows them in a table, and each node's
 * `/metrics` carries its name and the cluster's gauges. The database is this test's own, so it runs alike in either
 * pass of the build.
 */
class PostgresAdminNodesTest {

    private static final String TASKS = "tasks:\n  noop:\n    command: [\"true\"]\n";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html");

    @TempDir
    Path dir;

    private final List<TestServer> servers = new ArrayList<>();
    private TestServer first;
    private TestServer second;

    @BeforeEach
    void start() {
        first = node("first");
        second = node("second");
        // why: the leader role is taken by the nodes' own loop, a moment after they start
        await().atMost(TestServer.PATIENCE).until(() -> leaders(nodes(first)) == 1 && leaders(nodes(second)) == 1);
    }

    @AfterEach
    void stop() {
        servers.reversed().forEach(TestServer::close);
    }

    @Test
    void either_node_lists_both_alive_with_one_leader_and_itself_marked() {
        for (TestServer asked : List.of(first, second)) {
            JsonNode doc = nodes(asked);
            assertThat(doc.path("cluster").asBoolean()).isTrue();
            assertThat(doc.path("nodes").findValuesAsText("name")).containsExactlyInAnyOrder("first", "second");
            for (JsonNode node : doc.path("nodes")) {
                TestServer described = node.path("name").asText().equals("first") ? first : second;
                assertThat(node.path("self").asBoolean()).as("self on %s", node).isEqualTo(described == asked);
                assertThat(node.path("alive").asBoolean()).isTrue();
                assertThat(node.path("address").asText()).isEqualTo("127.0.0.1:" + described.server().port());
                assertThat(node.path("id").asText()).isNotBlank();
                assertThat(node.path("version").asText()).isNotBlank();
                assertThat(Instant.parse(node.path("started").asText())).isBefore(Instant.now().plusSeconds(60));
                assertThat(node.path("leaseAgeSeconds").asDouble()).isBetween(0.0, 15.0);
                assertThat(node.path("leaseLeftSeconds").asDouble()).isPositive();
                assertThat(node.path("runningJobs").asInt()).isZero();
                assertThat(node.path("memoryBudget").asLong()).isPositive();
                assertThat(node.path("leader").isBoolean()).isTrue();
            }
        }
        assertThat(leaderName(nodes(first))).isEqualTo(leaderName(nodes(second)));
    }

    @Test
    void the_nodes_are_the_admin_s_as_the_status_is() {
        HttpTestClient.Response anonymous = first.http().get("/admin/nodes");
        assertThat(anonymous.status()).isEqualTo(first.http().get("/admin/status").status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(first.http().get("/admin/nodes", Map.of("Authorization", basic("wrong"))).status()).isEqualTo(401);
        assertThat(first.http().get("/admin/nodes", Map.of("Authorization", basic(PASSWORD))).status()).isEqualTo(200);
    }

    @Test
    void the_admin_page_shows_every_node_in_a_table_with_what_the_database_holds_escaped() throws Exception {
        // a registration written by something other than a node of this version, say one under attack
        try (Connection db = database(); PreparedStatement insert = db.prepareStatement("INSERT INTO nodes (id, name, marker,"
                + " address, version, started, memory_budget, renewed, lease_until) VALUES ('odd', 'third<b>&', 'odd', ?, ?,"
                + " 0, 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint,"
                + " (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint + 3600000)")) {
            insert.setString(1, "<script>alert(1)</script>");
            insert.setString(2, "9\"><i>x");
            insert.executeUpdate();
        }

        HttpTestClient.Response page = first.http().get("/admin", withPassword(BROWSER));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("third&lt;b&gt;&amp;", "&lt;script&gt;alert(1)&lt;/script&gt;", "9&quot;&gt;&lt;i&gt;x")
                .doesNotContain("<script>alert(1)", "<b>&", "<i>x");
        Document html = Jsoup.parse(page.body());
        assertThat(html.select("#nodes tbody tr")).hasSize(3);
        assertThat(html.select("#nodes tbody tr td:eq(0)").eachText())
                .containsExactlyInAnyOrder("first (this node)", "second", "third<b>&");
        assertThat(html.select("#nodes tbody tr.alive")).hasSize(3);
        assertThat(html.select("#nodes tbody tr td:eq(6)").eachText()).containsOnlyOnce("leader");
    }

    @Test
    void each_node_s_metrics_carry_its_name_and_the_cluster_s_gauges() {
        String leader = leaderName(nodes(first));
        for (TestServer node : List.of(first, second)) {
            String name = node == first ? "first" : "second";
            String other = node == first ? "second" : "first";
            String metrics = scrape(node);

            assertThat(metrics).contains("sluice_queue_waiting{node=\"" + name + "\",queue=\"default\"} 0.0")
                    .contains("sluice_cluster_nodes{node=\"" + name + "\",state=\"alive\"} 2.0")
                    .contains("sluice_cluster_nodes{node=\"" + name + "\",state=\"dead\"} 0.0")
                    .contains("sluice_cluster_leader{node=\"" + name + "\"} " + (name.equals(leader) ? "1.0" : "0.0"))
                    .doesNotContain("node=\"" + other + "\"");
            assertThat(metrics.lines().filter(line -> !line.startsWith("#")))
                    .as("every series names the node").allMatch(line -> line.contains("node=\"" + name + "\""));
        }
    }

    @Test
    void a_scrape_while_the_database_is_away_still_answers_with_the_last_figures() {
        assertThat(scrape(first)).contains("sluice_cluster_nodes{node=\"first\",state=\"alive\"} 2.0");
        PostgresServer database = PostgresServer.shared();

        database.halt();
        HttpTestClient.Response during;
        try {
            during = first.http().get("/metrics", Map.of("Authorization", basic(PASSWORD)));
        } finally {
            database.resume();
        }

        assertThat(during.status()).isEqualTo(200);
        assertThat(during.body()).contains("sluice_cluster_nodes{node=\"first\",state=\"alive\"} 2.0")
                .contains("sluice_cluster_leader{node=\"first\"}");
    }

    private TestServer node(String name) {
        TestServer server = TestServer.start(dir, TASKS, Map.of("SLUICE_STORAGE_DATABASE", TestServer.postgresFor(dir),
                "SLUICE_NODE_NAME", name, "SLUICE_SERVER_AUTH_ADMIN_USER", "admin",
                "SLUICE_SERVER_AUTH_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD.toCharArray()).toString()));
        servers.add(server);
        return server;
    }

    private static JsonNode nodes(TestServer server) {
        HttpTestClient.Response answer = server.http().get("/admin/nodes", Map.of("Authorization", basic(PASSWORD)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static String scrape(TestServer server) {
        HttpTestClient.Response answer = server.http().get("/metrics", Map.of("Authorization", basic(PASSWORD)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static long leaders(JsonNode doc) {
        long alive = 0;
        long leading = 0;
        for (JsonNode node : doc.path("nodes")) {
            alive += node.path("alive").asBoolean() ? 1 : 0;
            leading += node.path("leader").asBoolean() ? 1 : 0;
        }
        return alive == 2 ? leading : -1;
    }

    private static String leaderName(JsonNode doc) {
        for (JsonNode node : doc.path("nodes")) {
            if (node.path("leader").asBoolean()) {
                return node.path("name").asText();
            }
        }
        throw new AssertionError("no leader in " + doc);
    }

    private Connection database() throws Exception {
        dev.sluice.store.PostgresSettings db = PostgresServer.shared().databaseFor(dir);
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private static Map<String, String> withPassword(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", basic(PASSWORD));
        return all;
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }
}
