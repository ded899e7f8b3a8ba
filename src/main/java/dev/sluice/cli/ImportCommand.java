package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.DataDirLock;
import dev.sluice.config.ConfigException;
import dev.sluice.config.StorageConfig;
import dev.sluice.store.StoreException;
import dev.sluice.store.StoreImport;
import dev.sluice.store.StoreLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sluice import FILE`: fills the empty store of a stopped server with what `sluice export` wrote. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Fill the config's store (SQLite or PostgreSQL), which must hold no jobs, with FILE from `sluice export`.",
                "The server must be stopped. FILE is checked whole first; then every row goes in",
                "as it was (ids, order, states, owners, and the server's keys, so issued tokens",
                "stay valid), in one transaction: all or nothing."})
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a file written by `sluice export`")
    Path file;

    @Option(names = "--json", description = "print the summary as JSON (file, store, jobs, rows, schemaVersion, tables)"
            + " and nothing else on stdout")
    boolean json;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try {
            StorageConfig storage = config.load().storage();
            StoreLocation target = StoppedStore.of(storage);
            Files.createDirectories(storage.dataPath());
            StoreImport.Report report;
            try (DataDirLock lock = StoppedStore.lock(storage)) {
                report = StoreImport.read(file, target);
            }
            if (json) {
                System.out.println(summary(report));
            } else {
                System.out.printf("imported %,d job%s (%,d rows in all) from %s into %s%n", report.header().jobs(),
                        report.header().jobs() == 1 ? "" : "s", report.header().totalRows(), file, target.describe());
                System.out.println("start the server to serve them; their files are the job folders in "
                        + storage.dataPath().resolve("jobs"));
            }
            return 0;
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            return 1;
        } catch (IOException e) {
            System.err.println("sluice import: cannot create the data folder: " + e.getMessage());
            return 1;
        } catch (StoreException | IllegalStateException | UncheckedIOException refused) {
            System.err.println(StoppedStore.refusal("import", refused));
            return 1;
        }
    }

    private ObjectNode summary(StoreImport.Report report) {
        ObjectNode summary = ApiClient.json().createObjectNode().put("file", file.toString())
                .put("store", report.target().kind()).put("jobs", report.header().jobs())
                .put("rows", report.header().totalRows()).put("schemaVersion", report.header().schemaVersion());
        ObjectNode tables = summary.putObject("tables");
        report.header().rows().forEach(tables::put);
        return summary;
    }
}
