package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports and imports between real SQLite files and real PostgreSQL databases, row for row, and what they refuse. */
class StoreExportImportTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void a_sqlite_store_imported_into_postgresql_holds_every_row_as_it_was() throws Exception {
        Path export = exportFilledSqlite();
        PostgresSettings target = StoreRows.newPostgresDatabase();

        StoreImport.Report report = StoreImport.read(export, new StoreLocation.Postgres(target));

        assertThat(report.header().jobs()).isEqualTo(3);
        assertThat(report.header().source()).isEqualTo("sqlite");
        try (Connection source = StoreRows.sqlite(dir.resolve("source.db")); Connection copy = StoreRows.postgres(target)) {
            assertThat(StoreRows.dump(copy)).isEqualTo(StoreRows.dump(source));
            assertThat(text(copy, "SELECT message FROM jobs WHERE seq = 7")).isEqualTo("done\nin two lines");
            assertThat(text(copy, "SELECT inputs FROM jobs WHERE seq = 7")).contains("ünïcödé ✓", "it's");
            assertThat(text(copy, "SELECT encode(value, 'hex') FROM server_keys WHERE name = 'submitter-tokens'")).isEqualTo("00ff10");
        }
    }

    @Test
    void a_postgresql_store_imported_into_sqlite_holds_every_row_as_it_was() throws Exception {
        PostgresSettings source = StoreRows.newPostgresDatabase();
        try (Connection db = StoreRows.postgres(source)) {
            StoreRows.fill(db, true);
        }
        Path export = dir.resolve("store.jsonl");
        StoreExport.write(new StoreLocation.Postgres(source), export, NOW);
        Path target = dir.resolve("target.db");

        StoreImport.read(export, new StoreLocation.Sqlite(target));

        try (Connection original = StoreRows.postgres(source); Connection copy = StoreRows.sqlite(target)) {
            assertThat(StoreRows.dump(copy)).isEqualTo(StoreRows.dump(original));
            assertThat(StoreRows.count(copy, "jobs")).isEqualTo(3);
        }
    }

    @Test
    void after_an_import_into_postgresql_new_jobs_and_deliveries_are_numbered_after_the_imported_ones() throws Exception {
        Path export = exportFilledSqlite();
        PostgresSettings target = StoreRows.newPostgresDatabase();
        StoreImport.read(export, new StoreLocation.Postgres(target));

        Job added;
        try (PostgresJobStore store = PostgresJobStore.open(target, Clock.systemUTC())) {
            added = store.insert(new NewJob(JobId.random(), "echo", "default", Map.of(), 0));
            assertThat(store.recent(1)).extracting(Job::id).containsExactly(added.id());
        }
        try (Connection db = StoreRows.postgres(target); Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO callback_deliveries (job_id, member, uri, body, attempts, first_at, next_at) VALUES ('"
                    + StoreRows.THIRD_JOB + "', 'successful', 'https://hooks.example/ok', '{}', 0, 1, 1)");
            assertThat(number(db, "SELECT seq FROM jobs WHERE id = '" + added.id().value() + "'")).isGreaterThan(StoreRows.LAST_SEQ);
            assertThat(number(db, "SELECT max(id) FROM callback_deliveries")).isGreaterThan(StoreRows.LAST_DELIVERY);
        }
    }

    @Test
    void after_an_import_into_sqlite_new_jobs_are_numbered_after_the_imported_ones() throws Exception {
        Path export = exportFilledSqlite();
        Path target = dir.resolve("target.db");
        StoreImport.read(export, new StoreLocation.Sqlite(target));

        try (SqliteJobStore store = SqliteJobStore.open(target, Clock.systemUTC())) {
            Job added = store.insert(new NewJob(JobId.random(), "echo", "default", Map.of(), 0));

            assertThat(added.sequence()).isGreaterThan(StoreRows.LAST_SEQ);
            assertThat(store.recent(1)).extracting(Job::id).containsExactly(added.id());
            assertThat(store.find(new JobId(StoreRows.SECOND_JOB)).orElseThrow().state()).isEqualTo(JobState.FAILED);
        }
    }

    @Test
    void an_import_into_a_store_that_holds_jobs_is_refused_and_changes_nothing() throws Exception {
        Path export = exportFilledSqlite();
        PostgresSettings target = StoreRows.newPostgresDatabase();
        try (PostgresJobStore store = PostgresJobStore.open(target, Clock.systemUTC())) {
            store.insert(new NewJob(JobId.random(), "echo", "default", Map.of(), 0));
        }

        assertThatThrownBy(() -> StoreImport.read(export, new StoreLocation.Postgres(target)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("the PostgreSQL database " + target.jdbcUrl())
                .hasMessageContaining("already holds 1 job;").hasMessageContaining("never merges");
        try (Connection db = StoreRows.postgres(target)) {
            assertThat(StoreRows.count(db, "jobs")).isEqualTo(1);
            assertThat(StoreRows.count(db, "schedule_ticks")).isZero();
        }
    }

    @Test
    void keys_the_target_made_give_way_to_the_files_and_a_key_the_file_lacks_stays() throws Exception {
        Path export = exportFilledSqlite();
        PostgresSettings target = StoreRows.newPostgresDatabase();
        try (Connection db = StoreRows.postgres(target); Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO server_keys (name, value) VALUES ('submitter-tokens', '\\x01'::bytea),"
                    + " ('cluster-id', '\\x02'::bytea)");
            sql.executeUpdate("INSERT INTO maintenance (id, message, since) VALUES (1, 'before the move', 1)");
        }

        StoreImport.read(export, new StoreLocation.Postgres(target));

        try (Connection db = StoreRows.postgres(target)) {
            assertThat(text(db, "SELECT encode(value, 'hex') FROM server_keys WHERE name = 'submitter-tokens'")).isEqualTo("00ff10");
            assertThat(text(db, "SELECT encode(value, 'hex') FROM server_keys WHERE name = 'cluster-id'")).isEqualTo("02");
            assertThat(text(db, "SELECT message FROM maintenance")).isEqualTo("moving house");
        }
    }

    @Test
    void a_row_the_database_refuses_undoes_the_whole_import() throws Exception {
        Path export = exportFilledSqlite();
        String secondJob = Files.readAllLines(export).get(2);
        // the second job's line again, in place of the third's: the same id twice, in a file whose digest is right
        Path twice = withDigest(bodyWith(export, 3, third -> secondJob));
        PostgresSettings target = StoreRows.newPostgresDatabase();

        assertThatThrownBy(() -> StoreImport.read(twice, new StoreLocation.Postgres(target)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot import").hasMessageContaining("nothing was imported")
                .hasMessageNotContaining("getNextException");
        try (Connection db = StoreRows.postgres(target)) {
            assertThat(StoreRows.count(db, "jobs")).isZero();
            assertThat(StoreRows.count(db, "server_keys")).isZero();
        }
    }

    @Test
    void a_cut_short_file_is_refused_before_any_database_is_opened() throws Exception {
        Path export = exportFilledSqlite();
        byte[] whole = Files.readAllBytes(export);
        List<String> lines = Files.readAllLines(export);
        Path atALine = Files.write(dir.resolve("at-a-line.jsonl"), lines.subList(0, 4));
        Path midLine = Files.write(dir.resolve("mid-line.jsonl"), Arrays.copyOf(whole, whole.length / 2));
        Path target = dir.resolve("never-made.db");

        assertThatThrownBy(() -> StoreImport.read(atALine, new StoreLocation.Sqlite(target)))
                .isInstanceOf(StoreException.class).hasMessage(atALine + " is cut short: it ends after 3 of the 12 rows its"
                        + " header announces, without its end line");
        assertThatThrownBy(() -> StoreImport.read(midLine, new StoreLocation.Sqlite(target)))
                .isInstanceOf(StoreException.class).hasMessageContaining(midLine + " is cut short: its last line (")
                .hasMessageEndingWith(") ends without its newline");
        assertThat(target).doesNotExist();
    }

    @Test
    void a_file_changed_after_its_export_is_refused() throws Exception {
        Path export = exportFilledSqlite();
        List<String> lines = Files.readAllLines(export);
        lines.set(1, lines.get(1).replace("\"attempts\":1", "\"attempts\":2"));
        Path changed = Files.write(dir.resolve("changed.jsonl"), lines);

        assertThatThrownBy(() -> StoreImport.check(changed)).isInstanceOf(StoreException.class)
                .hasMessage(changed + " is damaged: its content does not match the digest on its last line");
    }

    @Test
    void a_file_of_another_format_or_schema_version_or_no_export_at_all_is_refused() throws Exception {
        Path export = exportFilledSqlite();
        Path format = withDigest(bodyWith(export, 0, header -> header.replace("\"formatVersion\":1", "\"formatVersion\":2")));
        Path schema = withDigest(bodyWith(export, 0, header -> header.replace("\"schemaVersion\":13", "\"schemaVersion\":14")));
        Path other = Files.writeString(dir.resolve("other.json"), "{\"format\": \"something else\"}\n");
        Path binary = Files.write(dir.resolve("binary"), new byte[] {(byte) 0xff, 0, 1, '\n'});
        Path oneLine = Files.writeString(dir.resolve("no-newline.txt"), "some text");
        Path cutHeader = Files.writeString(dir.resolve("cut-header.jsonl"), "{\"format\":\"sluice-export\",\"formatVer");

        assertThatThrownBy(() -> StoreImport.check(format)).hasMessage(format + " is in version 2 of the export format,"
                + " which this version of Sluice does not read (it reads version 1)");
        assertThatThrownBy(() -> StoreImport.check(schema)).hasMessage(schema + " holds tables of schema version 14, which"
                + " this version of Sluice does not import (it imports version 13); a newer Sluice made it: import it with that version");
        assertThatThrownBy(() -> StoreImport.check(other)).hasMessageContaining("is not a Sluice export");
        assertThatThrownBy(() -> StoreImport.check(binary)).hasMessageContaining("is not a Sluice export");
        assertThatThrownBy(() -> StoreImport.check(oneLine)).hasMessageContaining("is not a Sluice export");
        assertThatThrownBy(() -> StoreImport.check(cutHeader)).hasMessage(cutHeader + " is cut short: it ends within its header");
    }

    @Test
    void the_export_is_readable_by_its_owner_only_and_leaves_no_part_file_behind() throws Exception {
        Path export = exportFilledSqlite();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export))).isEqualTo("rw-------");
        assertThat(dir.resolve("store.jsonl.part")).doesNotExist();
        assertThat(Files.readAllLines(export).getFirst()).startsWith("{\"format\":\"sluice-export\",\"formatVersion\":1,"
                + "\"schemaVersion\":13,\"source\":\"sqlite\",\"exportedAt\":\"2026-12-06T10:00:00Z\",\"rows\":{\"jobs\":3,");
    }

    @Test
    void an_export_is_refused_while_a_server_uses_the_postgresql_database() throws Exception {
        PostgresSettings source = StoreRows.newPostgresDatabase();
        Path export = dir.resolve("store.jsonl");

        try (PostgresJobStore server = PostgresJobStore.openAsNode(source, Clock.systemUTC(),
                new NodeRegistration("n1", "m1", "test", 1 << 30, java.time.Duration.ofSeconds(15)), java.util.Map.of())) {
            assertThatThrownBy(() -> StoreExport.write(new StoreLocation.Postgres(source), export, NOW))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("a Sluice server uses");
        }
        assertThat(export).doesNotExist();
    }

    private Path exportFilledSqlite() throws Exception {
        Path source = dir.resolve("source.db");
        try (Connection db = StoreRows.sqlite(source)) {
            StoreRows.fill(db, false);
        }
        Path export = dir.resolve("store.jsonl");
        StoreExport.Report report = StoreExport.write(new StoreLocation.Sqlite(source), export, NOW);
        assertThat(report.header().totalRows()).isEqualTo(12);
        return export;
    }

    /** A file of {@code body} (a header and rows) and an end line with a digest that matches them. */
    private Path withDigest(List<String> body) throws Exception {
        java.security.MessageDigest sha = ExportFileWriter.sha256();
        for (String line : body) {
            sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<String> file = new ArrayList<>(body);
        file.add("{\"end\":\"sluice-export-end\",\"rows\":" + (body.size() - 1) + ",\"sha256\":\""
                + HexFormat.of().formatHex(sha.digest()) + "\"}");
        return Files.write(Files.createTempFile(dir, "made", ".jsonl"), file);
    }

    /** The lines of {@code export} but its end line, with line {@code index} replaced. */
    private static List<String> bodyWith(Path export, int index, java.util.function.UnaryOperator<String> change)
            throws Exception {
        List<String> lines = Files.readAllLines(export);
        List<String> body = new ArrayList<>(lines.subList(0, lines.size() - 1));
        body.set(index, change.apply(body.get(index)));
        return body;
    }

    private static String text(Connection db, String query) throws Exception {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long number(Connection db, String query) throws Exception {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
