package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The store's database file skips Flyway only when every packaged migration has run, each successfully. */
class SqliteDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void theNewestMigrationConstantNamesTheNewestPackagedFile() throws Exception {
        Path migrations = Path.of(SqliteDatabase.class.getResource("/db/migration/sqlite").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            int newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
            assertThat(SqliteDatabase.NEWEST_MIGRATION).isEqualTo(newest);
        }
    }

    @Test
    void aNewFileIsMigratedToTheNewestVersionAndThenCountsAsUpToDate() throws Exception {
        Path file = dir.resolve("sluice.db");
        DataSource first = SqliteDatabase.migrated(file);
        assertThat(newestApplied(first)).isEqualTo(SqliteDatabase.NEWEST_MIGRATION);
        assertThat(SqliteDatabase.upToDate(first)).isTrue();
        DataSource again = SqliteDatabase.migrated(file);
        assertThat(newestApplied(again)).isEqualTo(SqliteDatabase.NEWEST_MIGRATION);
    }

    @Test
    void aFileOneMigrationBehindIsNotUpToDateAndIsMigrated() throws Exception {
        Path file = dir.resolve("older.db");
        SQLiteDataSource older = new SQLiteDataSource();
        older.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(older).locations("classpath:db/migration/sqlite")
                .target(String.valueOf(SqliteDatabase.NEWEST_MIGRATION - 1)).load().migrate();
        assertThat(SqliteDatabase.upToDate(older)).isFalse();

        DataSource opened = SqliteDatabase.migrated(file);

        assertThat(newestApplied(opened)).isEqualTo(SqliteDatabase.NEWEST_MIGRATION);
        assertThat(SqliteDatabase.upToDate(opened)).isTrue();
    }

    @Test
    void aRecordedFailureIsNotUpToDate() throws Exception {
        Path file = dir.resolve("failed.db");
        DataSource opened = SqliteDatabase.migrated(file);
        try (Connection c = opened.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE CAST(version AS INTEGER) = "
                    + SqliteDatabase.NEWEST_MIGRATION);
        }
        assertThat(SqliteDatabase.upToDate(opened)).isFalse();
    }

    private static int newestApplied(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")) {
            r.next();
            return r.getInt(1);
        }
    }
}
