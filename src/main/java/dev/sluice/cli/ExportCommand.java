package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.DataDirLock;
import dev.sluice.config.ConfigException;
import dev.sluice.config.DataSize;
import dev.sluice.config.StorageConfig;
import dev.sluice.store.StoreException;
import dev.sluice.store.StoreExport;
import dev.sluice.store.StoreLocation;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sluice export FILE`: the whole store of a stopped server, written to a file that `sluice import` reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a stopped server's whole store (SQLite or PostgreSQL) to FILE, for `sluice import`.",
                "Every job (ids, order, states, inputs, owners), the server's keys, schedule ticks,",
                "removed jobs, callbacks and maintenance mode, as JSON lines; readable by its owner",
                "only. The job folders are not in it: they stay in data-dir/jobs/."})
final class ExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "where the export goes; its folder must exist")
    Path file;

    @Option(names = "--force", description = "replace FILE if it exists")
    boolean force;

    @Option(names = "--json", description = "print the summary as JSON (file, source, jobs, rows, bytes, schemaVersion,"
            + " tables) and nothing else on stdout")
    boolean json;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try {
            StorageConfig storage = config.load().storage();
            if (!Files.isDirectory(storage.dataPath())) {
                System.err.println("sluice export: the data folder " + storage.dataPath() + " does not exist (storage.data-dir)");
                return 1;
            }
            if (Files.exists(file) && !force) {
                System.err.println("sluice export: " + file + " exists; choose another name or add --force");
                return 1;
            }
            StoreLocation source = StoppedStore.of(storage);
            StoreExport.Report report;
            try (DataDirLock lock = StoppedStore.lock(storage)) {
                report = StoreExport.write(source, file, Instant.now());
            }
            if (json) {
                System.out.println(summary(report));
            } else {
                System.out.printf("exported %,d job%s (%,d rows in all) from %s to %s (%s)%n", report.header().jobs(),
                        report.header().jobs() == 1 ? "" : "s", report.header().totalRows(), source.describe(), file,
                        new DataSize(report.bytes()));
                System.out.println("it holds every job's inputs and the server's keys: keep it private; the job folders stay"
                        + " in " + storage.dataPath().resolve("jobs"));
            }
            return 0;
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            return 1;
        } catch (StoreException | IllegalStateException | UncheckedIOException refused) {
            System.err.println(StoppedStore.refusal("export", refused));
            return 1;
        }
    }

    private ObjectNode summary(StoreExport.Report report) {
        ObjectNode summary = ApiClient.json().createObjectNode().put("file", file.toString())
                .put("source", report.header().source()).put("jobs", report.header().jobs())
                .put("rows", report.header().totalRows()).put("bytes", report.bytes())
                .put("schemaVersion", report.header().schemaVersion());
        ObjectNode tables = summary.putObject("tables");
        report.header().rows().forEach(tables::put);
        return summary;
    }
}
