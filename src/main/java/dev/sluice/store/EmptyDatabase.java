package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's SQLite database as Flyway leaves a new file: every migration run, no job. The build writes it into the
 * jar ({@link #main}, run by Maven once the classes are compiled), and a data folder without a database starts from a
 * copy of it. Why: a first start then needs none of Flyway (its start-up, its scan of the jar and thirteen migrations
 * cost ~0.4 s), and the start-up cache, whose every class each start loads, holds none of Flyway's 460 classes.
 */
public final class EmptyDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmptyDatabase.class);
    static final String RESOURCE = "/db/empty/sluice-v" + SqliteDatabase.NEWEST_MIGRATION + ".db";

    /** Where the bytes of the empty database come from: the jar, or (in a test) anything else. */
    interface Source {
        /** The bytes, or null when there are none. */
        InputStream open() throws IOException;
    }

    static final Source PACKAGED = () -> EmptyDatabase.class.getResourceAsStream(RESOURCE);

    private EmptyDatabase() {
    }

    /** Writes the empty database under {@code args[0]}, the build's classes folder, at the path {@link #RESOURCE} names. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0], RESOURCE.substring(1));
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling("partial-" + target.getFileName());
        remove(partial);
        SqliteDatabase.migrate(SqliteDatabase.dataSource(partial));
        // why: the last connection closed, SQLite has moved its log into the file; a copy of that one file is whole
        for (Path companion : companions(partial)) {
            if (Files.exists(companion)) {
                throw new IllegalStateException("SQLite left " + companion + " behind");
            }
        }
        if (!SqliteDatabase.upToDate(SqliteDatabase.dataSource(partial))) {
            throw new IllegalStateException(partial + " is not at version " + SqliteDatabase.NEWEST_MIGRATION);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // why: the jar takes the whole folder; a log left by anything that opened an earlier copy must not go with it
        deleteCompanions(target);
    }

    /**
     * Copies the packaged empty database to {@code file} when there is no database there at all (nor its log);
     * true if it did. Without the packaged copy (classes not built by Maven), or when it cannot be written, false.
     */
    static boolean placeIfAbsent(Path file, Source source) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || companionsExist(file)) {
            return false;
        }
        try (InputStream packaged = source.open()) {
            if (packaged == null) {
                return false;
            }
            Path folder = file.toAbsolutePath().getParent();
            Path partial = Files.createTempFile(folder, ".partial-", ".db");
            try {
                Files.copy(packaged, partial, StandardCopyOption.REPLACE_EXISTING);
                // why: a link fails if the name exists, where a rename would replace a database made meanwhile
                Files.createLink(file, partial);
                return true;
            } catch (FileAlreadyExistsException madeMeanwhile) {
                return false;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException | UnsupportedOperationException cannot) {
            log.debug("event=empty-database-not-copied file={} reason=\"{}\"", file, cannot.toString());
            return false;
        }
    }

    /** Deletes {@code file} and SQLite's companions of it: a copy that is not what this version expects. */
    static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
            deleteCompanions(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    private static boolean companionsExist(Path file) {
        return companions(file).stream().anyMatch(companion -> Files.exists(companion, LinkOption.NOFOLLOW_LINKS));
    }

    private static void deleteCompanions(Path file) throws IOException {
        for (Path companion : companions(file)) {
            Files.deleteIfExists(companion);
        }
    }

    /** SQLite's log files beside a database file: its write-ahead log, its shared memory and its rollback journal. */
    private static List<Path> companions(Path file) {
        return Stream.of("-wal", "-shm", "-journal").map(suffix -> file.resolveSibling(file.getFileName() + suffix)).toList();
    }
}
