package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new database file starts as a copy of the empty database the build packaged, which is what Flyway would make. */
class EmptyDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void the_build_packaged_the_empty_database_of_this_version() {
        assertThat(EmptyDatabase.class.getResource(EmptyDatabase.RESOURCE)).as("written by Maven's process-classes").isNotNull();
    }

    @Test
    void a_new_file_is_the_packaged_copy_with_the_very_schema_flyway_gives_a_new_file() throws Exception {
        DataSource copied = SqliteDatabase.migrated(dir.resolve("copied.db"));
        DataSource flyway = SqliteDatabase.migrated(dir.resolve("flyway.db"), () -> null);

        assertThat(history(copied)).as("copied, not migrated: the history of the build's own run")
                .isEqualTo(history(packaged())).isNotEqualTo(history(flyway));
        assertThat(rows(copied, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"))
                .isEqualTo(rows(flyway, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"))
                .isNotEmpty();
        assertThat(rows(copied, "SELECT version, script, checksum, success FROM flyway_schema_history ORDER BY installed_rank"))
                .isEqualTo(rows(flyway, "SELECT version, script, checksum, success FROM flyway_schema_history ORDER BY installed_rank"));
        assertThat(rows(copied, "PRAGMA journal_mode")).containsExactly("wal");
        assertThat(SqliteDatabase.upToDate(copied)).isTrue();
    }

    @Test
    void the_copy_holds_no_key_and_no_data_so_no_two_servers_share_one() throws Exception {
        DataSource copied = SqliteDatabase.migrated(dir.resolve("sluice.db"));

        for (String table : rows(copied, "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'flyway_schema_history'")) {
            assertThat(rows(copied, "SELECT count(*) FROM \"" + table + "\"")).as(table).containsExactly("0");
        }
    }

    @Test
    void an_existing_database_is_never_replaced_by_the_copy() throws Exception {
        Path file = dir.resolve("sluice.db");
        DataSource first = SqliteDatabase.migrated(file);
        execute(first, "INSERT INTO server_keys (name, value) VALUES ('kept', x'01')");

        DataSource again = SqliteDatabase.migrated(file);

        assertThat(rows(again, "SELECT name FROM server_keys")).containsExactly("kept");
    }

    @Test
    void a_log_left_without_its_database_is_not_covered_by_a_copy() throws Exception {
        Path file = dir.resolve("sluice.db");
        Files.write(dir.resolve("sluice.db-wal"), new byte[0]);

        assertThat(EmptyDatabase.placeIfAbsent(file, EmptyDatabase.PACKAGED)).isFalse();
        assertThat(file).doesNotExist();
    }

    @Test
    void a_copy_that_is_not_a_database_of_this_version_gives_way_to_flyway() throws Exception {
        Path file = dir.resolve("sluice.db");
        DataSource opened = SqliteDatabase.migrated(file,
                () -> new ByteArrayInputStream("not a database at all".getBytes(StandardCharsets.US_ASCII)));

        assertThat(SqliteDatabase.upToDate(opened)).isTrue();
        assertThat(rows(opened, "SELECT count(*) FROM flyway_schema_history WHERE success = 1"))
                .containsExactly(String.valueOf(SqliteDatabase.NEWEST_MIGRATION));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".partial-"));
        }
    }

    private DataSource packaged() throws Exception {
        Path copy = dir.resolve("packaged.db");
        try (var in = EmptyDatabase.PACKAGED.open()) {
            Files.copy(in, copy);
        }
        return SqliteDatabase.dataSource(copy);
    }

    private static List<String> history(DataSource db) throws SQLException {
        return rows(db, "SELECT version || ' ' || installed_on FROM flyway_schema_history ORDER BY installed_rank");
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); var s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static List<String> rows(DataSource db, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); var s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(r.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
