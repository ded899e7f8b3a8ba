package dev.sluice.cli;

import dev.sluice.app.SluiceServer;
import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigPlaces;
import dev.sluice.config.SluiceConfig;
import dev.sluice.store.PostgresProbe;
import dev.sluice.store.PostgresSettings;
import dev.sluice.store.StoreException;
import dev.sluice.worker.CommandCheck;
import dev.sluice.worker.Preflight;
import dev.sluice.worker.Preflights;
import dev.sluice.worker.SandboxProbe;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `sluice check`: validates the config file and prints every problem with its line, resolves each task's program and
 * script files as its jobs would find them, and runs the preflights, without starting anything.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the config file, find each task's program and script files, and run every task's preflight;"
                + " print what is wrong (exit 1), or a summary (exit 0).")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--no-preflight", description = "do not run the tasks' preflight commands (the rest is still checked)")
    boolean noPreflight;

    @Override
    public Integer call() {
        try {
            SluiceConfig loaded = config.load();
            System.out.println(config.file + " is valid: " + count(loaded.tasks().size(), "task") + " ("
                    + String.join(", ", loaded.tasks().keySet()) + "), " + count(loaded.queues().size(), "queue") + " ("
                    + String.join(", ", loaded.queues().keySet()) + ")");
            int problems = checkCommands(loaded) + checkDatabase(loaded);
            boolean sandboxWorks = checkSandbox(loaded);
            if (!noPreflight) {
                List<Preflight.Result> results = Preflights.runAll(loaded);
                results.stream().filter(Preflight.Result::passed).forEach(r -> System.out.println(r.describe()));
                List<Preflight.Result> failed = results.stream().filter(r -> !r.passed()).toList();
                failed.forEach(r -> System.err.println(r.describe()));
                problems += failed.size();
            }
            if (problems > 0) {
                System.err.println(count(problems, "problem"));
            }
            return problems == 0 && sandboxWorks ? 0 : 1;
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            System.err.println(count(invalid.problems().size(), "problem"));
            return 1;
        }
    }

    /** With PostgreSQL: whether the database answers, and how far its schema is; returns 1 for a problem. */
    private static int checkDatabase(SluiceConfig loaded) {
        try {
            Optional<PostgresSettings> postgres = SluiceServer.postgresSettings(loaded.storage());
            if (postgres.isEmpty()) {
                return 0;
            }
            PostgresProbe.Report report = PostgresProbe.probe(postgres.get());
            String schema = report.schemaVersion().map(v -> "schema version " + v).orElse("no schema yet");
            String pending = report.pendingMigrations() == 0 ? "current"
                    : count(report.pendingMigrations(), "migration") + " to run at the next start";
            System.out.println("database: PostgreSQL " + report.serverVersion() + " answers; " + schema + ", " + pending);
            return 0;
        } catch (StoreException | java.io.UncheckedIOException unusable) {
            System.err.println("storage.database: " + unusable.getMessage());
            return 1;
        }
    }

    /** Prints where each task's program resolves, the files it lacks and advice; returns how many problems it found. */
    private int checkCommands(SluiceConfig loaded) {
        ConfigPlaces places = ConfigPlaces.of(config.file);
        int problems = 0;
        for (var task : loaded.tasks().entrySet()) {
            for (CommandCheck.Finding f : CommandCheck.of(task.getKey(), task.getValue())) {
                String where = places.describe(f.pointer(), f.message());
                switch (f.kind()) {
                    case RESOLVED -> System.out.println("task '" + task.getKey() + "': " + f.message());
                    case PROBLEM -> {
                        System.err.println(where);
                        problems++;
                    }
                    case HINT -> System.out.println("hint: " + where);
                    case SUGGESTION -> System.out.println("suggestion (not a problem): " + where);
                }
            }
        }
        return problems;
    }

    static String count(int n, String thing) {
        return n + " " + (n == 1 ? thing : thing + "s");
    }

    /** When a task asks for a sandbox, tries bubblewrap once and says whether it works here. */
    private static boolean checkSandbox(SluiceConfig loaded) {
        if (!SandboxProbe.needed(loaded)) {
            return true;
        }
        Optional<String> problem = SandboxProbe.problem();
        if (problem.isPresent()) {
            System.err.println("sandbox: " + problem.get() + "; the server will not start with sandboxed tasks");
            return false;
        }
        System.out.println("sandbox: bubblewrap works here");
        return true;
    }
}
