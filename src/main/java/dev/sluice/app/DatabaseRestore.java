package dev.sluice.app;

import dev.sluice.store.DatabaseFile;
import dev.sluice.store.JobId;
import dev.sluice.worker.JobFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Puts a backup in place of a stopped server's database. Nothing is deleted: the database it replaces is set aside
 * beside it, and job folders of jobs the backup does not know (newer than it) are moved to a folder of their own,
 * since the server would otherwise take them for uploads cut off by a crash and remove them at its next start.
 */
public final class DatabaseRestore {

    private static final String DATABASE = SluiceServer.DATABASE_FILE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What a restore found, and (once done) where it put what it replaced. */
    public record Report(DatabaseFile backup, List<JobId> foldersMissing, List<String> foldersUnknown,
                         Optional<Path> databaseSetAside, Optional<Path> foldersSetAside) {
    }

    private DatabaseRestore() {
    }

    /** Checks the backup against the data folder and says what a restore would do; changes nothing. */
    public static Report check(Path backup, Path dataDir) {
        DatabaseFile checked = DatabaseFile.check(backup);
        return new Report(checked, missingFolders(checked, dataDir), unknownFolders(checked, dataDir), Optional.empty(),
                Optional.empty());
    }

    /** Restores {@code backup} into {@code dataDir}; refused (IllegalStateException) while a server uses the folder. */
    public static Report restore(Path backup, Path dataDir, Instant now) {
        DatabaseFile checked = DatabaseFile.check(backup);
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            String stamp = STAMP.format(now);
            Optional<Path> databaseAside = setDatabaseAside(dataDir, stamp);
            List<String> unknown = unknownFolders(checked, dataDir);
            Optional<Path> foldersAside = unknown.isEmpty() ? Optional.empty()
                    : Optional.of(moveFoldersAside(unknown, dataDir, dataDir.resolve("jobs-not-in-backup-" + stamp)));
            Path part = dataDir.resolve(DATABASE + ".restoring");
            Files.copy(backup, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, dataDir.resolve(DATABASE), StandardCopyOption.ATOMIC_MOVE);
            return new Report(checked, missingFolders(checked, dataDir), unknown, databaseAside, foldersAside);
        } catch (IOException e) {
            throw new UncheckedIOException("the restore into " + dataDir + " failed: " + e.getMessage(), e);
        }
    }

    // why: the -wal and -shm files belong to the database they sit beside; they move with it, under its new name
    private static Optional<Path> setDatabaseAside(Path dataDir, String stamp) throws IOException {
        Path current = dataDir.resolve(DATABASE);
        if (!Files.exists(current)) {
            return Optional.empty();
        }
        Path aside = dataDir.resolve(DATABASE + ".before-restore-" + stamp);
        for (String suffix : List.of("-wal", "-shm")) {
            Path companion = dataDir.resolve(DATABASE + suffix);
            if (Files.exists(companion)) {
                Files.move(companion, dataDir.resolve(aside.getFileName() + suffix));
            }
        }
        Files.move(current, aside);
        return Optional.of(aside);
    }

    private static Path moveFoldersAside(List<String> names, Path dataDir, Path target) throws IOException {
        Files.createDirectories(target);
        Path jobs = JobFolder.allIn(dataDir);
        for (String name : names) {
            Files.move(jobs.resolve(name), target.resolve(name));
        }
        return target;
    }

    private static List<JobId> missingFolders(DatabaseFile backup, Path dataDir) {
        Path jobs = JobFolder.allIn(dataDir);
        return backup.jobs().stream().filter(id -> !Files.isDirectory(jobs.resolve(id.value()))).sorted(
                java.util.Comparator.comparing(JobId::value)).toList();
    }

    private static List<String> unknownFolders(DatabaseFile backup, Path dataDir) {
        Path jobs = JobFolder.allIn(dataDir);
        if (!Files.isDirectory(jobs)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(jobs)) {
            return folders.map(f -> f.getFileName().toString())
                    .filter(name -> JobId.parse(name).filter(id -> !backup.jobs().contains(id)).isPresent())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + jobs, e);
        }
    }
}
