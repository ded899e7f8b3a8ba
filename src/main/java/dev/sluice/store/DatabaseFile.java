package dev.sluice.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.sqlite.SQLiteDataSource;

/**
 * A file that should hold a Sluice database (a backup, say), checked before anyone relies on it: SQLite's own
 * integrity check, Sluice's jobs table, and a schema this build knows (a backup of a newer Sluice is refused).
 * Checking reads the file; it changes nothing in it.
 */
public record DatabaseFile(Path file, long bytes, Set<JobId> jobs, String schemaVersion) {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /** Checks {@code file}; a {@link StoreException} says, for a person, what is wrong with it. */
    public static DatabaseFile check(Path file) {
        SqliteNativeLibrary.prepare();
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + " is not a file", null);
        }
        try {
            if (!Arrays.equals(header(file), SQLITE_HEADER)) {
                throw new StoreException(file + " is not a SQLite database", null);
            }
            SQLiteDataSource source = new SQLiteDataSource();
            source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
            try (Connection db = source.getConnection(); Statement sql = db.createStatement()) {
                String integrity = firstString(sql, "PRAGMA integrity_check");
                if (!"ok".equals(integrity)) {
                    throw new StoreException(file + " fails SQLite's integrity check: " + integrity, null);
                }
                if (firstString(sql, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'jobs'") == null) {
                    throw new StoreException(file + " is a SQLite database, but not Sluice's: it has no jobs table", null);
                }
                String version = schemaVersion(source, file);
                Set<JobId> ids = new HashSet<>();
                try (ResultSet rs = sql.executeQuery("SELECT id FROM jobs")) {
                    while (rs.next()) {
                        ids.add(new JobId(rs.getString(1)));
                    }
                }
                return new DatabaseFile(file, Files.size(file), Set.copyOf(ids), version);
            }
        } catch (SQLException | IOException | IllegalArgumentException unreadable) {
            throw new StoreException(file + " cannot be read as a Sluice database: " + unreadable.getMessage(), unreadable);
        }
    }

    private static String schemaVersion(SQLiteDataSource source, Path file) {
        MigrationInfoService info = Flyway.configure().dataSource(source).locations("classpath:db/migration/sqlite")
                .loggers("slf4j").load().info();
        for (MigrationInfo applied : info.applied()) {
            if (applied.getState().name().startsWith("FUTURE")) {
                throw new StoreException(file + " was made by a newer Sluice: its schema has version " + applied.getVersion()
                        + ", which this version does not know; restore it with that version or a later one", null);
            }
        }
        MigrationInfo current = info.current();
        if (current == null) {
            throw new StoreException(file + " has a jobs table but no schema history; it was not made by Sluice", null);
        }
        return current.getVersion().toString();
    }

    private static byte[] header(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SQLITE_HEADER.length);
        }
    }

    private static String firstString(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
