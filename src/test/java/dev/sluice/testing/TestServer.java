package dev.sluice.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.SluiceServer;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Sluice server for a test: started in this JVM from YAML text, on a free loopback port, with its data
 * in a folder of the test's own. Talk to it over real HTTP with {@link #http()}.
 */
public final class TestServer implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SluiceServer server;
    private final HttpTestClient http;
    private final Path dataDir;

    private TestServer(SluiceServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
        this.http = new HttpTestClient("http://127.0.0.1:" + server.port());
    }

    /** Starts a server whose config is {@code yaml} plus a loopback listen address and a data folder under {@code dir}. */
    public static TestServer start(Path dir, String yaml) {
        return new TestServer(SluiceServer.start(config(dir, yaml)), dir.resolve("data"));
    }

    /** Like {@link #start}, with {@code SLUICE_...} overrides applied as if they came from the environment. */
    public static TestServer start(Path dir, String yaml, Map<String, String> env) {
        return new TestServer(SluiceServer.start(config(dir, yaml, env)), dir.resolve("data"));
    }

    /** Like {@link #start}, but a task whose preflight fails is marked broken instead of stopping the start. */
    public static TestServer startAllowingBroken(Path dir, String yaml) {
        return new TestServer(SluiceServer.start(config(dir, yaml), true), dir.resolve("data"));
    }

    /** Like {@link #start}, with start options (a store decorator such as a fault injector, a reconcile interval). */
    public static TestServer start(Path dir, String yaml, dev.sluice.app.StartOptions options) {
        return new TestServer(SluiceServer.start(config(dir, yaml), options), dir.resolve("data"));
    }

    /** Like {@link #start(Path, String, dev.sluice.app.StartOptions)}, with {@code SLUICE_...} overrides too. */
    public static TestServer start(Path dir, String yaml, Map<String, String> env, dev.sluice.app.StartOptions options) {
        return new TestServer(SluiceServer.start(config(dir, yaml, env), options), dir.resolve("data"));
    }

    public static SluiceConfig config(Path dir, String yaml) {
        return config(dir, yaml, Map.of());
    }

    public static SluiceConfig config(Path dir, String yaml, Map<String, String> overrides) {
        try {
            Files.createDirectories(dir);
            String full = "server:\n  listen: 127.0.0.1:0\n  max-upload: 1MB\n  drain-timeout: 0s\nstorage:\n  data-dir: data\n"
                    + (onPostgres() ? "  database: \"" + postgresFor(dir) + "\"\n" : "") + yaml;
            return new ConfigLoader().parse(full, "test.yaml", dir, overrides);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether this test run puts every test server on PostgreSQL (`-Dsluice.test.store=postgresql`, the build's second
     * pass) instead of SQLite.
     */
    public static boolean onPostgres() {
        return "postgresql".equals(System.getProperty("sluice.test.store"));
    }

    /** `storage.database` for a server whose test folder is {@code dir}: the same database at every start in it. */
    public static String postgresFor(Path dir) {
        dev.sluice.store.PostgresSettings db = PostgresServer.shared().databaseFor(dir);
        return db.jdbcUrl() + "?user=" + db.user();
    }

    /**
     * A plain connection to the database of the servers started in {@code dir} (its data folder's SQLite file, or its
     * PostgreSQL database in that pass), for a test that reads what was committed while no server runs.
     */
    public static java.sql.Connection database(Path dir) throws java.sql.SQLException {
        if (onPostgres()) {
            dev.sluice.store.PostgresSettings db = PostgresServer.shared().databaseFor(dir);
            return java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        }
        return java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(SluiceServer.DATABASE_FILE));
    }

    public HttpTestClient http() {
        return http;
    }

    /** `GET /metrics` from this machine, as {@link #oneNodeSeries} gives it. */
    public String metrics() {
        return oneNodeSeries(http.get("/metrics").body());
    }

    /**
     * A scrape with the {@code node} label taken out of every series: a node on a shared database (every test server
     * in the build's PostgreSQL pass) adds its name there, so an assertion on a series holds on either store.
     */
    public static String oneNodeSeries(String scrape) {
        return scrape.replaceAll("(?<=[{,])node=\"[^\"]*\",?", "").replace(",}", "}").replace("{}", "");
    }

    public Path dataDir() {
        return dataDir;
    }

    public SluiceServer server() {
        return server;
    }

    /** Submits JSON inputs and returns the new job's id; fails the test unless the answer is 201. */
    public String submit(String task, String inputsJson) {
        HttpTestClient.Response r = http.postJsonAsync("/processes/" + task + "/execution", "{\"inputs\": " + inputsJson + "}");
        if (r.status() != 201) {
            throw new AssertionError("submit to " + task + " gave " + r.status() + ": " + r.body());
        }
        return r.json().get("jobID").asText();
    }

    /** Submits until the server accepts (while it answers 503, say while its database comes back) and returns the id. */
    public String submitWhenAccepted(String task, String inputsJson) {
        String[] id = new String[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpTestClient.Response r = http.postJsonAsync("/processes/" + task + "/execution", "{\"inputs\": " + inputsJson + "}");
            if (r.status() != 201 && r.status() != 503) {
                throw new AssertionError("submit to " + task + " gave " + r.status() + ": " + r.body());
            }
            id[0] = r.status() == 201 ? r.json().get("jobID").asText() : null;
            return id[0] != null;
        });
        return id[0];
    }

    public JsonNode status(String id) {
        return http.get("/jobs/" + id).json();
    }

    /** Waits until the job reaches a final state and returns its status document. */
    public JsonNode awaitEnd(String id) {
        return awaitStatus(id, "successful", "failed", "dismissed");
    }

    public JsonNode awaitStatus(String id, String... states) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = status(id);
            for (String s : states) {
                if (s.equals(last[0].path("status").asText())) {
                    return true;
                }
            }
            return false;
        });
        return last[0];
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
