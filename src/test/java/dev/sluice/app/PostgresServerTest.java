package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole server on a real PostgreSQL database (started by the tests): jobs run and survive a restart, two nodes share
 * one database and data folder (but not one name), and a data folder that is not the one the database's cluster writes
 * to is refused.
 */
class PostgresServerTest {

    private static final String TASKS = "tasks:\n  echo:\n    command: [echo, \"{word}\"]\n    inputs:\n      word: { type: string }\n";

    @TempDir
    Path dir;

    @Test
    void a_job_runs_and_is_still_there_after_a_restart() {
        String database = TestServer.postgresFor(dir);
        String id;
        try (TestServer server = start(dir, database)) {
            id = server.submit("echo", "{\"word\": \"hello\"}");
            assertThat(server.awaitEnd(id).path("status").asText()).isEqualTo("successful");
            assertThat(server.http().get("/health/ready").json().path("checks").path("database").asText()).isEqualTo("ok");
        }
        try (TestServer again = start(dir, database)) {
            assertThat(again.status(id).path("status").asText()).isEqualTo("successful");
            assertThat(again.http().get("/jobs/" + id + "/log").body()).contains("hello");
        }
    }

    @Test
    void two_nodes_on_one_database_and_folder_share_the_jobs_and_a_second_node_of_one_name_is_refused() throws Exception {
        String database = TestServer.postgresFor(dir);
        try (TestServer first = node(dir, database, "first"); TestServer second = node(dir, database, "second")) {
            String id = first.submit("echo", "{\"word\": \"shared\"}");
            assertThat(second.awaitEnd(id).path("status").asText()).isEqualTo("successful");
            assertThat(second.http().get("/jobs/" + id + "/log").body()).contains("shared");
            assertThat(registeredNodes(dir)).containsExactlyInAnyOrder("first", "second");

            assertThatThrownBy(() -> node(dir, database, "first"))
                    .hasMessageContaining("another Sluice server is using the data folder").hasMessageContaining("as node first");
            assertThat(first.http().get("/health/ready").status()).isEqualTo(200);
        }
        // why: a node that stops takes its registration with it, so no one waits for its lease to run out
        assertThat(registeredNodes(dir)).isEmpty();
    }

    @Test
    void a_data_folder_that_is_not_the_clusters_is_refused() throws Exception {
        String database = TestServer.postgresFor(dir);
        try (TestServer first = start(dir.resolve("first"), database)) {
            assertThat(Files.readString(first.dataDir().resolve(ClusterFolderMark.FILE))).hasSize(33);
        }
        // a node whose shared folder is not mounted sees an empty folder in its place
        assertThatThrownBy(() -> start(dir.resolve("elsewhere"), database))
                .hasMessageContaining("has no " + ClusterFolderMark.FILE)
                .hasMessageContaining("every node must use the one shared data folder");
    }

    @Test
    void a_backup_is_left_to_postgresql_s_tools() {
        try (TestServer server = start(dir, TestServer.postgresFor(dir))) {
            HttpTestClient.Response backup = server.http().get("/admin/backup");

            assertThat(backup.status()).isEqualTo(501);
            assertThat(backup.json().path("detail").asText()).contains("pg_dump");
        }
    }

    @Test
    void an_outage_of_the_database_answers_503_and_loses_no_job() throws Exception {
        Path gate = dir.resolve("gate");
        Path wait = Scripts.write(dir.resolve("scripts"), "wait.sh", "while [ ! -e \"" + gate + "\" ]; do sleep 0.05; done; echo done");
        String tasks = TASKS + "  wait:\n    command: [\"" + wait + "\"]\n";
        PostgresServer database = PostgresServer.shared();
        try (TestServer server = TestServer.start(dir, tasks, Map.of("SLUICE_STORAGE_DATABASE", TestServer.postgresFor(dir)),
                StartOptions.DEFAULT.reconcilingEvery(Duration.ofMillis(200)))) {
            String before = server.submit("echo", "{\"word\": \"before\"}");
            server.awaitEnd(before);
            String running = server.submit("wait", "{}");
            server.awaitStatus(running, "running");

            database.halt();
            try {
                Files.createFile(gate);
                HttpTestClient.Response refused = server.http().postJsonAsync("/processes/echo/execution",
                        "{\"inputs\": {\"word\": \"during\"}}");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isNotNull();
                assertThat(refused.json().path("type").asText()).endsWith("store-unavailable");
                assertThat(server.http().get("/health/ready").status()).isEqualTo(503);
            } finally {
                database.resume();
            }

            String after = server.submitWhenAccepted("echo", "{\"word\": \"after\"}");
            assertThat(server.awaitEnd(after).path("status").asText()).isEqualTo("successful");
            // why: the job that ended during the outage could not record its end then; it is recorded once the
            // database is back, as it was (one attempt), neither lost nor failed for the server's trouble
            JsonNode ended = server.awaitEnd(running);
            assertThat(ended.path("status").asText()).isEqualTo("successful");
            assertThat(ended.path("attempts").asInt()).isEqualTo(1);
            assertThat(server.status(before).path("status").asText()).isEqualTo("successful");

            // why: the restart ended the session that held the node lock; the node takes it again by itself, and its
            // registration outlived the outage, so no node took its jobs over
            await().atMost(TestServer.PATIENCE).until(() -> nodeLocksHeld(dir) == 1);
            assertThat(registeredNodes(dir)).hasSize(1);
        }
    }

    private static java.util.List<String> registeredNodes(Path dir) throws Exception {
        dev.sluice.store.PostgresSettings database = PostgresServer.shared().databaseFor(dir);
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             java.sql.Statement sql = db.createStatement();
             java.sql.ResultSet rs = sql.executeQuery("SELECT name FROM nodes ORDER BY name")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static int nodeLocksHeld(Path dir) throws Exception {
        dev.sluice.store.PostgresSettings database = PostgresServer.shared().databaseFor(dir);
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             java.sql.Statement sql = db.createStatement();
             java.sql.ResultSet rs = sql.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                     + " AND granted AND classid = " + 0x51_1CF + " AND objid = 0 AND objsubid = 2 AND mode = 'ShareLock'"
                     + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static TestServer node(Path dir, String database, String name) {
        return TestServer.start(dir, TASKS, Map.of("SLUICE_STORAGE_DATABASE", database, "SLUICE_NODE_NAME", name));
    }

    private static TestServer start(Path dir, String database) {
        return TestServer.start(dir, TASKS, Map.of("SLUICE_STORAGE_DATABASE", database));
    }
}
