package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.DatabaseRestore;
import dev.sluice.config.ConfigException;
import dev.sluice.config.DataSize;
import dev.sluice.store.StoreException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sluice restore BACKUP`: puts a backup in place of the database of a stopped server, after checking it. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Check BACKUP (made by `sluice backup`) and put it in place of the database of the config's data folder.",
                "The server must be stopped. Nothing is deleted: the database it replaces is set aside beside it, and the",
                "folders of jobs newer than the backup are moved to data-dir/jobs-not-in-backup-<time>/.",
                "Restore data-dir/jobs/ from the same time as the backup, before or after."})
final class RestoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "BACKUP", description = "the backup file")
    Path backup;

    @Option(names = "--check", description = "only check the backup against the data folder and say what a restore would do")
    boolean checkOnly;

    @Option(names = "--json", description = "print the summary as JSON and nothing else on stdout")
    boolean json;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try {
            dev.sluice.config.StorageConfig storage = config.load().storage();
            if (storage.postgres().isPresent()) {
                System.err.println("sluice restore: restores the embedded (SQLite) database; this config's database is "
                        + "PostgreSQL, which its own tools back up and restore (pg_dump, pg_restore)");
                return 1;
            }
            Path dataDir = storage.dataPath();
            DatabaseRestore.Report report = checkOnly ? DatabaseRestore.check(backup, dataDir)
                    : DatabaseRestore.restore(backup, dataDir, Instant.now());
            if (json) {
                System.out.println(summary(report, dataDir));
            } else {
                print(report, dataDir);
            }
            return 0;
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            return 1;
        } catch (StoreException | IllegalStateException | UncheckedIOException refused) {
            System.err.println("sluice restore: " + refused.getMessage()
                    + (refused instanceof IllegalStateException ? "; stop the server first" : ""));
            return 1;
        }
    }

    // why: stable names for a script; a path that does not apply (nothing set aside, or only checked) is null
    private ObjectNode summary(DatabaseRestore.Report report, Path dataDir) {
        return ApiClient.json().createObjectNode().put("backup", backup.toString())
                .put("jobs", report.backup().jobs().size()).put("bytes", report.backup().bytes())
                .put("schemaVersion", report.backup().schemaVersion()).put("restored", !checkOnly)
                .put("database", dataDir.resolve(dev.sluice.app.SluiceServer.DATABASE_FILE).toString())
                .put("databaseSetAside", report.databaseSetAside().map(Path::toString).orElse(null))
                .put("foldersNotInBackup", report.foldersUnknown().size())
                .put("foldersSetAside", report.foldersSetAside().map(Path::toString).orElse(null))
                .put("jobsWithoutFolder", report.foldersMissing().size());
    }

    private void print(DatabaseRestore.Report report, Path dataDir) {
        System.out.printf("%s: a Sluice database of %,d jobs (%s, schema version %s), intact%n", backup,
                report.backup().jobs().size(), new DataSize(report.backup().bytes()), report.backup().schemaVersion());
        String verb = checkOnly ? "would be" : "was";
        report.databaseSetAside().ifPresent(p -> System.out.println("the database it replaces was set aside as " + p));
        if (checkOnly) {
            System.out.println("it would replace " + dataDir.resolve(dev.sluice.app.SluiceServer.DATABASE_FILE) + " (set aside, not deleted)");
        }
        if (!report.foldersUnknown().isEmpty()) {
            System.out.printf("%,d job folders belong to no job of the backup (newer jobs); they %s moved to %s%n",
                    report.foldersUnknown().size(), verb, report.foldersSetAside().map(Path::toString)
                            .orElse(dataDir.resolve("jobs-not-in-backup-<time>").toString()));
        }
        if (!report.foldersMissing().isEmpty()) {
            System.out.printf("%,d jobs of the backup have no folder in %s: restore data-dir/jobs/ from the same time"
                    + " (a job that never wrote a file has none)%n", report.foldersMissing().size(), dataDir.resolve("jobs"));
        }
        if (!checkOnly) {
            System.out.println("restored; start the server to serve it");
        }
    }
}
