package dev.sluice.testing;

import dev.sluice.store.PostgresSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * One throwaway PostgreSQL cluster per test JVM, made from Debian's server binaries at its first use: its data in a
 * fresh temporary folder, listening on 127.0.0.1 only, on a free port (its socket in that folder too), trust
 * authentication for its superuser, and no syncing to disk. Every test gets databases of its own; the cluster is
 * stopped and its folder deleted when the JVM exits.
 */
public final class PostgresServer {

    private static final String SUPERUSER = "postgres";
    /** How long starting or stopping may take before it counts as hung (pg_ctl's own wait, then ours around it). */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PostgresServer shared;

    private final int port;
    private final PostgresCommands commands;
    private final Path data;
    private int databases;

    private PostgresServer(int port, PostgresCommands commands, Path data) {
        this.port = port;
        this.commands = commands;
        this.data = data;
    }

    /** Stops the cluster (a fast shutdown: sessions are ended), as a database outage would; {@link #resume} ends it. */
    public synchronized void halt() {
        commands.stop(data);
    }

    /** Starts the halted cluster again, on the same port. */
    public synchronized void resume() {
        commands.run(WAIT.plusSeconds(10), "pg_ctl", "-D", data.toString(), "-l",
                commands.home().resolve("postgres.log").toString(), "-w", "-t", String.valueOf(WAIT.toSeconds()), "start");
    }

    /** The cluster of this JVM, started at the first call; fails, saying what to install, when PostgreSQL is missing. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** A new, empty database of its own. */
    public PostgresSettings newDatabase() {
        return settings(createDatabase());
    }

    /**
     * The database kept for {@code dir}, as a store's folder is kept for a SQLite store: made at the first call for a
     * folder, found again by the name written in it, so closing and opening a store on the folder is a restart.
     */
    public PostgresSettings databaseFor(Path dir) {
        Path name = dir.resolve("postgres-database");
        try {
            if (Files.exists(name)) {
                return settings(Files.readString(name).trim());
            }
            String made = createDatabase();
            Files.writeString(name, made);
            return settings(made);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to reach the database of this name as the superuser (no password: the cluster trusts loopback). */
    public PostgresSettings settings(String database) {
        return new PostgresSettings("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, "");
    }

    private synchronized String createDatabase() {
        String name = "sluice_test_" + ++databases;
        try (Connection admin = DriverManager.getConnection(settings("postgres").jdbcUrl(), SUPERUSER, "");
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " in the test cluster: " + e.getMessage(), e);
        }
        return name;
    }

    private static PostgresServer start() {
        PostgresCommands commands = PostgresCommands.prepare();
        Path data = commands.home().resolve("data");
        try {
            commands.run(WAIT.multipliedBy(2), "initdb", "-D", data.toString(), "-U", SUPERUSER, "--auth=trust",
                    "--encoding=UTF8", "--locale=C", "--no-sync");
            int port = startOnAFreePort(commands, data);
            PostgresServer server = new PostgresServer(port, commands, data);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                commands.stop(data);
                commands.delete();
            }, "postgres-test-cluster-stop"));
            return server;
        } catch (RuntimeException notStarted) {
            commands.stop(data);
            commands.delete();
            throw notStarted;
        }
    }

    // why: a port found free may be taken by someone else before the server binds it; then another one is tried
    private static int startOnAFreePort(PostgresCommands commands, Path data) {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            configure(data, commands.home(), port);
            try {
                commands.run(WAIT.plusSeconds(10), "pg_ctl", "-D", data.toString(), "-l",
                        commands.home().resolve("postgres.log").toString(), "-w", "-t", String.valueOf(WAIT.toSeconds()), "start");
                return port;
            } catch (IllegalStateException notStarted) {
                if (attempt == 3 || !commands.portWasTaken()) {
                    throw notStarted;
                }
            }
        }
    }

    // why: appended after initdb's own settings, which the last occurrence of a name overrides; a throwaway cluster
    // needs no durability, so nothing waits for the disk
    private static void configure(Path data, Path home, int port) {
        List<String> settings = List.of(
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + home + "'",
                "max_connections = 200",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off");
        try {
            Files.write(data.resolve("postgresql.conf"), settings, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
