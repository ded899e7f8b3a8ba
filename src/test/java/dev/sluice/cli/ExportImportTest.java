package dev.sluice.cli;

import static dev.sluice.cli.SluiceCommand.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.store.JobId;
import dev.sluice.store.NewJob;
import dev.sluice.store.PostgresSettings;
import dev.sluice.store.SqliteJobStore;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * `sluice export` and `sluice import` on real stores: a server's jobs moved from SQLite to PostgreSQL and served again
 * as they were, and the refusals (a running server, a store with jobs, an existing file, a file that is no export).
 */
class ExportImportTest extends ServerFixture {

    private static final String TASKS = """
            tasks:
              echo:
                command: [sh, -c, 'printf %s "$1" > "$2/echo.txt"; echo "logged $1"', sh, '{message}', '{out}']
                inputs: { message: { type: string } }
                outputs: { echo: { file: echo.txt, type: string } }
              fail:
                command: [sh, -c, 'echo about to fail; exit 3']
            schedules:
              tick: { task: echo, every: 1s, inputs: { message: scheduled } }
            """;
    private static final List<String> KEPT_FIELDS = List.of("jobID", "processID", "status", "message", "created", "started",
            "finished", "updated", "progress", "schedule");

    private final HttpClient noCookies = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void jobs_moved_from_sqlite_to_postgresql_are_served_as_they_were_and_earlier_tokens_still_read_them() throws Exception {
        server = TestServer.start(dir, TASKS);
        HttpResponse<String> first = send(HttpRequest.newBuilder(uri("/processes/echo/execution"))
                .header("Content-Type", "application/json").header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"hello\"}}")));
        String token = first.headers().firstValue("Sluice-Token").orElseThrow();
        String succeeded = TestServer.parse(first.body()).path("jobID").asText();
        String failed = TestServer.parse(send(withToken("/processes/fail/execution", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}"))).body()).path("jobID").asText();
        server.awaitEnd(succeeded);
        server.awaitEnd(failed);
        String scheduled = scheduledJobThatSucceeded();
        Map<String, JsonNode> before = statuses(succeeded, failed, scheduled);
        String results = server.http().get("/jobs/" + succeeded + "/results/echo").body();
        String log = server.http().get("/jobs/" + succeeded + "/log").body();
        server.close();
        server = null;

        Path file = dir.resolve("moving.jsonl");
        Run export = run("export", file.toString(), "--config", sqliteConfig().toString());
        PostgresSettings database = PostgresServer.shared().newDatabase();
        String url = database.jdbcUrl() + "?user=" + database.user();
        Run imported = run("import", file.toString(), "--config", postgresConfig(url).toString(), "--json");
        server = TestServer.start(dir, TASKS, Map.of("SLUICE_STORAGE_DATABASE", url));

        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).containsPattern("exported \\d+ jobs \\(\\d+ rows in all\\) from the SQLite database")
                .contains("keep it private");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(imported.exit()).as(imported.err()).isZero();
        JsonNode summary = TestServer.parse(imported.out());
        assertThat(summary.path("store").asText()).isEqualTo("postgresql");
        assertThat(summary.path("jobs").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(statuses(succeeded, failed, scheduled)).isEqualTo(before);
        assertThat(server.http().get("/jobs/" + succeeded + "/results/echo").body()).isEqualTo(results).contains("hello");
        assertThat(server.http().get("/jobs/" + succeeded + "/log").body()).isEqualTo(log).contains("logged hello");
        HttpResponse<String> mine = send(withToken("/jobs", token).GET());
        assertThat(mine.statusCode()).as("a token the SQLite server issued: %s", mine.body()).isEqualTo(200);
        assertThat(TestServer.parse(mine.body()).path("jobs").findValuesAsText("jobID")).containsExactly(failed, succeeded);
        String newer = TestServer.parse(send(withToken("/processes/echo/execution", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"after the move\"}}"))).body())
                .path("jobID").asText();
        assertThat(TestServer.parse(send(withToken("/jobs", token).GET()).body()).path("jobs").findValuesAsText("jobID"))
                .as("newest first: the new job's seq follows the imported ones").containsExactly(newer, failed, succeeded);
        assertThat(server.awaitEnd(newer).path("status").asText()).isEqualTo("successful");
    }

    @Test
    void export_and_import_are_refused_while_a_server_uses_the_data_folder() throws Exception {
        storeWithOneJob(Files.createDirectories(dir.resolve("elsewhere")).resolve("sluice.db"));
        Path file = dir.resolve("other.jsonl");
        assertThat(run("export", file.toString(), "--config", config("elsewhere").toString()).exit()).isZero();
        server = TestServer.start(dir, TASKS);

        Run export = run("export", dir.resolve("new.jsonl").toString(), "--config", sqliteConfig().toString());
        Run imported = run("import", file.toString(), "--config", sqliteConfig().toString());

        for (Run refused : List.of(export, imported)) {
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("another Sluice server is using the data folder", "stop the server first");
        }
        assertThat(dir.resolve("new.jsonl")).doesNotExist();
    }

    @Test
    void an_import_into_a_store_that_holds_jobs_is_refused_naming_the_store() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        storeWithOneJob(data.resolve("sluice.db"));
        Path file = dir.resolve("store.jsonl");
        assertThat(run("export", file.toString(), "--config", sqliteConfig().toString()).exit()).isZero();

        Run run = run("import", file.toString(), "--config", sqliteConfig().toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("sluice import: the SQLite database " + data.resolve("sluice.db")
                + " already holds 1 job; an import fills only a store without jobs and never merges into one: move sluice.db aside first");
    }

    @Test
    void an_existing_file_is_replaced_only_with_force() throws Exception {
        storeWithOneJob(Files.createDirectories(dir.resolve("data")).resolve("sluice.db"));
        Path file = Files.writeString(dir.resolve("store.jsonl"), "precious");

        Run refused = run("export", file.toString(), "--config", sqliteConfig().toString());
        Run forced = run("export", file.toString(), "--config", sqliteConfig().toString(), "--force", "--json");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains(file + " exists; choose another name or add --force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        JsonNode summary = TestServer.parse(forced.out());
        assertThat(summary.path("jobs").asInt()).isEqualTo(1);
        assertThat(summary.path("source").asText()).isEqualTo("sqlite");
        assertThat(summary.path("tables").path("jobs").asInt()).isEqualTo(1);
        assertThat(Files.readString(file)).startsWith("{\"format\":\"sluice-export\"");
    }

    @Test
    void a_file_that_is_no_export_or_is_cut_short_is_refused_in_one_line() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        storeWithOneJob(Files.createDirectories(dir.resolve("source")).resolve("sluice.db"));
        Path whole = dir.resolve("whole.jsonl");
        assertThat(run("export", whole.toString(), "--config", config("source").toString()).exit()).isZero();
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jsonl"), java.util.Arrays.copyOf(bytes, bytes.length - 20));
        Path other = Files.writeString(dir.resolve("other.json"), "{\"format\": \"geojson\"}\n");

        for (Path file : List.of(cut, other)) {
            Run run = run("import", file.toString(), "--config", sqliteConfig().toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("sluice import: " + file).doesNotContain("\n", "Exception");
        }
        assertThat(run("import", cut.toString(), "--config", sqliteConfig().toString()).err()).contains("is cut short");
        assertThat(data.resolve("sluice.db")).as("no database was touched").doesNotExist();
    }

    private String scheduledJobThatSucceeded() {
        String[] id = new String[1];
        await().atMost(TestServer.PATIENCE).until(() -> {
            JsonNode last = server.http().get("/admin/schedules").json().path("schedules").path(0).path("lastTick");
            id[0] = last.path("jobID").asText(null);
            return "successful".equals(last.path("jobStatus").asText());
        });
        return id[0];
    }

    private Map<String, JsonNode> statuses(String... ids) {
        Map<String, JsonNode> kept = new java.util.TreeMap<>();
        for (String id : ids) {
            JsonNode status = server.status(id);
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            KEPT_FIELDS.forEach(field -> fields.set(field, status.path(field)));
            kept.put(id, fields);
        }
        return kept;
    }

    private static void storeWithOneJob(Path file) {
        try (SqliteJobStore store = SqliteJobStore.open(file, Clock.systemUTC())) {
            store.insert(new NewJob(JobId.random(), "echo", "default", Map.of("message", "hi"), 0));
        }
    }

    private Path sqliteConfig() throws Exception {
        return config("data");
    }

    private Path postgresConfig(String url) throws Exception {
        Path config = dir.resolve("sluice-postgres.yaml");
        Files.writeString(config, "storage:\n  data-dir: data\n  database: \"" + url + "\"\n" + TASKS);
        return config;
    }

    /** A config beside the test's folders whose data folder is {@code dataDir} (SQLite). */
    private Path config(String dataDir) throws Exception {
        Path config = dir.resolve("sluice-" + dataDir + ".yaml");
        Files.writeString(config, "storage:\n  data-dir: " + dataDir + "\n" + TASKS);
        return config;
    }

    private URI uri(String path) {
        return URI.create(server.http().base() + path);
    }

    private HttpRequest.Builder withToken(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).header("Prefer", "respond-async");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return noCookies.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
