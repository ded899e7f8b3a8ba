package dev.sluice.app;

import dev.sluice.store.PostgresSettings;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Several Sluice nodes, each a `sluice serve` process of its own, started from one config file on one fresh PostgreSQL
 * database and one data folder, with a short lease ({@link #LEASE}). A node can be killed (SIGKILL), paused (SIGSTOP)
 * and resumed (SIGCONT) by its pid, and started again under its name. {@link #close} stops every process it started,
 * paused or not, and then any job process of this cluster still alive.
 */
final class ClusterNodes implements AutoCloseable {

    static final Duration LEASE = Duration.ofSeconds(5);

    private final Path dir;
    private final Path config;
    private final PostgresSettings database;
    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final List<ServerProcess> started = new CopyOnWriteArrayList<>();
    // why: a test abandoned at its timeout may never reach close(); its nodes must not outlive the test JVM
    private final Thread killAtExit = new Thread(this::killAll, "cluster-nodes-kill");

    private ClusterNodes(Path dir, Path config, PostgresSettings database) {
        this.dir = dir;
        this.config = config;
        this.database = database;
        Runtime.getRuntime().addShutdownHook(killAtExit);
    }

    /**
     * A cluster whose config is {@code yaml} (queues, tasks, schedules) plus the listen, storage and node settings. A
     * node stopped stops its running jobs at once (a drain timeout of 0).
     */
    static ClusterNodes create(Path dir, String yaml) throws IOException {
        return create(dir, yaml, "0s");
    }

    /** As {@link #create(Path, String)}, but a node stopped gives its running jobs {@code drainTimeout} to end. */
    static ClusterNodes create(Path dir, String yaml, String drainTimeout) throws IOException {
        PostgresSettings database = PostgresServer.shared().newDatabase();
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "server: { listen: 127.0.0.1:0, drain-timeout: " + drainTimeout + " }\n"
                + "storage: { data-dir: data, database: \"" + database.jdbcUrl() + "?user=" + database.user() + "\" }\n"
                + "node: { lease: " + LEASE.toSeconds() + "s }\n" + yaml);
        return new ClusterNodes(dir, config, database);
    }

    /** Starts nodes of these names at once and waits until each answers. */
    List<Node> start(String... names) {
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Node>> starting = Stream.of(names)
                    .map(name -> CompletableFuture.supplyAsync(() -> startOne(name), threads)).toList();
            return starting.stream().map(CompletableFuture::join).toList();
        }
    }

    private Node startOne(String name) {
        try {
            Node node = new Node(name, ServerProcess.freePort());
            node.launch();
            nodes.add(node);
            return node;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    /** A node that is running and not paused. */
    Node anyLive() {
        return nodes.stream().filter(Node::live).findFirst().orElseThrow(() -> new AssertionError("no node is up"));
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    /** The first column of the first row of {@code query}, as a number. */
    long count(String query) throws SQLException {
        try (Connection db = database(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The name of the node that holds the leader role now, if any does. */
    Optional<String> leader() throws SQLException {
        return firstString("SELECT n.name FROM cluster_roles r JOIN nodes n ON n.id = r.node WHERE r.role = 'leader'"
                + " AND r.until >= (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint");
    }

    /** The name of the node whose registration runs the job now, if one does. */
    Optional<String> runningOn(String job) throws SQLException {
        return firstString("SELECT n.name FROM jobs j JOIN nodes n ON n.id = j.node WHERE j.state = 'running' AND j.id = '"
                + job.replace("'", "") + "'");
    }

    List<String> registered() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection db = database(); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT name FROM nodes ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private Optional<String> firstString(String query) throws SQLException {
        try (Connection db = database(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Live processes that carry the environment of one of this cluster's jobs (their folders lie in its data folder). */
    List<Long> jobProcesses() throws IOException {
        return dev.sluice.testing.JobProcesses.of(dataDir());
    }

    // why: a paused node ignores SIGTERM until it is resumed; stragglers are killed, and job processes a killed node
    // left behind (nobody rescues them any more) are killed by their pids last
    @Override
    public void close() throws Exception {
        for (ServerProcess process : started) {
            if (process.alive()) {
                continueQuietly(process);
                process.terminate();
            }
        }
        for (ServerProcess process : started) {
            if (!process.awaitExit(Duration.ofSeconds(20))) {
                process.killHard();
            }
        }
        killAll();
        Runtime.getRuntime().removeShutdownHook(killAtExit);
        keepLogs();
    }

    private void killAll() {
        for (ServerProcess process : started) {
            if (process.alive()) {
                continueQuietly(process);
                process.destroyForcibly();
            }
        }
        try {
            jobProcesses().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        } catch (IOException unreadable) {
            // without /proc there is nothing more to find
        }
    }

    // why: the test folder is deleted after the test; what the nodes said is what explains a failed random run
    private void keepLogs() throws IOException {
        Path kept = Path.of("target", "cluster-logs", dir.getFileName().toString());
        Files.createDirectories(kept);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches(".*\\.log|ledger")).toList()) {
                Files.copy(file, kept.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void continueQuietly(ServerProcess process) {
        try {
            signal(process.pid(), "CONT");
        } catch (IllegalStateException endedMeanwhile) {
            // nothing left to resume
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One node: its name and port stay the same across its starts; its output of all starts goes to one file. */
    final class Node {

        private final String name;
        private final int port;
        private final HttpTestClient http;
        private volatile ServerProcess process;
        private volatile boolean paused;

        private Node(String name, int port) {
            this.name = name;
            this.port = port;
            this.http = new HttpTestClient("http://127.0.0.1:" + port);
        }

        private void launch() throws IOException {
            ServerProcess launched = ServerProcess.start(config, port, output(), Map.of("SLUICE_SERVER_LISTEN", "127.0.0.1:" + port,
                    "SLUICE_NODE_NAME", name));
            started.add(launched);
            process = launched;
            paused = false;
        }

        String name() {
            return name;
        }

        long pid() {
            return process.pid();
        }

        HttpTestClient http() {
            return http;
        }

        boolean live() {
            return process.alive() && !paused;
        }

        Path output() {
            return dir.resolve(name + ".log");
        }

        String log() throws IOException {
            return Files.readString(output());
        }

        /** SIGKILL, as a crash or the OOM killer would end it. */
        void kill() throws InterruptedException {
            signal(process.pid(), "CONT");
            process.killHard();
        }

        /** SIGTERM, as systemd or an upgrade stops it, and waits until it has ended (it drains, then leaves). */
        void stop() throws InterruptedException {
            process.terminate();
            if (!process.awaitExit(Duration.ofSeconds(60))) {
                throw new IllegalStateException("node " + name + " did not stop within 60 s of SIGTERM");
            }
        }

        /** Starts the node again under its name and port, and waits until it answers. */
        void restart() throws IOException {
            if (process.alive()) {
                throw new IllegalStateException("node " + name + " still runs");
            }
            launch();
        }

        /** SIGSTOP: the node stands still, as in a long pause of its JVM or its machine, holding its connections. */
        void pause() {
            paused = true;
            signal(process.pid(), "STOP");
        }

        /** SIGCONT. */
        void resume() {
            signal(process.pid(), "CONT");
            paused = false;
        }

        @Override
        public String toString() {
            return name + "(pid " + process.pid() + ", port " + port + ")";
        }
    }
}
