package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs PostgreSQL's server programs for {@link PostgresServer} in the cluster's folder: as the {@code postgres} system
 * user when the tests run as root (as in CI; PostgreSQL refuses to run as root), else as the current user. Arguments
 * go as a list, never through a shell, and every run is bounded in time.
 */
final class PostgresCommands {

    private static final String SYSTEM_USER = "postgres";

    private final Path bin;
    private final Path home;
    private final List<String> runAs;

    private PostgresCommands(Path bin, Path home, List<String> runAs) {
        this.bin = bin;
        this.home = home;
        this.runAs = runAs;
    }

    /** Finds the newest server binaries and makes the cluster's folder, owned by the user that will run them. */
    static PostgresCommands prepare() {
        Path bin = newestBinaries();
        try {
            Optional<UserPrincipal> systemUser = runningAsRoot() ? Optional.of(systemUser()) : Optional.empty();
            Path home = Files.createTempDirectory("sluice-postgres-");
            if (systemUser.isEmpty()) {
                return new PostgresCommands(bin, home, List.of());
            }
            Files.setOwner(home, systemUser.get());
            return new PostgresCommands(bin, home, List.of("runuser", "-u", SYSTEM_USER, "--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path home() {
        return home;
    }

    /** Runs {@code program} of the server binaries; fails with its output when it fails or outlasts {@code limit}. */
    void run(Duration limit, String program, String... args) {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = home.resolve("commands.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        // why: PGDATA, PGPORT and the like from the developer's shell must not steer the throwaway cluster
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        try {
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not end within " + limit + "; its output:\n" + tail(output)
                        + "\nthe server's log:\n" + tail(home.resolve("postgres.log")));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed with exit " + process.exitValue() + "; its output:\n"
                        + tail(output) + "\nthe server's log:\n" + tail(home.resolve("postgres.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    /** The last lines of a log in the cluster's folder, or a note that there is none. */
    String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException none) {
            return "(no " + log.getFileName() + ")";
        }
    }

    /**
     * Stops the cluster in {@code data} if it runs: pg_ctl's fast shutdown, bounded; should that fail, the postmaster
     * (this cluster's own, by the PID in its postmaster.pid) is killed.
     */
    void stop(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            run(Duration.ofSeconds(40), "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
        } catch (RuntimeException stopFailed) {
            try {
                long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
                ProcessHandle.of(pid).ifPresent(postmaster -> {
                    postmaster.destroyForcibly();
                    postmaster.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(stillThere -> postmaster).join();
                });
            } catch (IOException | RuntimeException gone) {
                // the postmaster is gone already, with its pid file
            }
        }
    }

    /** Deletes the cluster's folder and everything in it. */
    void delete() {
        try (Stream<Path> all = Files.walk(home)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException alreadyGone) {
            // nothing left to delete
        }
    }

    private static boolean runningAsRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static UserPrincipal systemUser() throws IOException {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
        } catch (UserPrincipalNotFoundException missing) {
            throw new IllegalStateException("the tests run as root, so PostgreSQL must run as the " + SYSTEM_USER
                    + " system user, which does not exist: install Debian's postgresql package (apt-get install postgresql)");
        }
    }

    /** Whether the server's log says the port was taken. */
    boolean portWasTaken() {
        return tail(home.resolve("postgres.log")).contains("could not bind");
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} that has initdb and pg_ctl. */
    private static Path newestBinaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        try (Stream<Path> installed = Files.list(versions)) {
            return installed.filter(v -> Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl")))
                    .max(Comparator.comparing(v -> versionOf(v.getFileName().toString()), Comparator.nullsFirst(Comparator.naturalOrder())))
                    .map(v -> v.resolve("bin")).orElseThrow(PostgresCommands::notInstalled);
        } catch (NoSuchFileException none) {
            throw notInstalled();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Runtime.Version versionOf(String name) {
        try {
            return Runtime.Version.parse(name);
        } catch (IllegalArgumentException notAVersion) {
            return null;
        }
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("the PostgreSQL store's tests need PostgreSQL's server binaries"
                + " (/usr/lib/postgresql/<version>/bin/initdb and pg_ctl): install Debian's postgresql package"
                + " (apt-get install postgresql); .ci/run installs it");
    }
}
