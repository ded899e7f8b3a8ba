package dev.sluice.store;

import dev.sluice.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store filled by plain SQL with a row or more in every table (odd values included: gaps in seq, nulls, quotes,
 * newlines and non-ASCII text, bytes 0x00 and 0xFF, the largest long), and every table of a store read back as text,
 * so that two stores can be compared row by row whatever their kind.
 */
final class StoreRows {

    static final String FIRST_JOB = "0000018f2a1b3c4d5e6f708192a3b4c5";
    static final String SECOND_JOB = "0000018f2a1b3c4d5e6f708192a3b4c6";
    static final String THIRD_JOB = "0000018f2a1b3c4d5e6f708192a3b4c7";
    static final long LAST_SEQ = 1000;
    static final long LAST_DELIVERY = 9;

    private StoreRows() {
    }

    /** Opens (making and migrating it if needed) a SQLite store file as a plain connection. */
    static Connection sqlite(Path file) throws SQLException {
        SqliteDatabase.migrated(file);
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Opens a PostgreSQL database, its schema made as a server's start makes it, as a plain connection. */
    static Connection postgres(PostgresSettings settings) throws SQLException {
        PostgresJobStore.open(settings, Clock.systemUTC()).close();
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    static PostgresSettings newPostgresDatabase() {
        return PostgresServer.shared().newDatabase();
    }

    /** Fills every table; {@code postgres} says whether identity columns need to be told to take the given values. */
    static void fill(Connection db, boolean postgres) throws SQLException {
        String overriding = postgres ? " OVERRIDING SYSTEM VALUE" : "";
        String bytes = postgres ? "'\\x00ff10'::bytea" : "X'00FF10'";
        try (Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO jobs (seq, id, task, queue, state, reason, message, progress, inputs, attempts,"
                    + " max_retries, worker_pid, worker_started, peak_memory, created, started, finished, updated, owner,"
                    + " interruptions, schedule, disk_bytes, priority, promote_at)" + overriding + " VALUES"
                    + " (7, '" + FIRST_JOB + "', 'echo', 'default', 'successful', NULL, 'done\nin two lines', 100,"
                    + " '{\"message\":\"it''s \\\"quoted\\\"\\nand ünïcödé ✓\"}', 1, 2, 4242, 1717000000000, 9223372036854775807,"
                    + " 1717000000000, 1717000000100, 1717000000200, 1717000000200, 'c0ffee', 0, NULL, 4096, 0, 0),"
                    + " (42, '" + SECOND_JOB + "', 'fail', 'default', 'failed', 'exit-code', 'exit 1', NULL, '{}', 3, 2, NULL,"
                    + " NULL, NULL, 1717000001000, 1717000001100, 1717000001200, 1717000001200, NULL, 1, 'nightly', NULL, 5,"
                    + " 1717000061000),"
                    + " (1000, '" + THIRD_JOB + "', 'echo', 'slow', 'accepted', NULL, '', NULL, '{\"message\":\"\"}', 0, 0,"
                    + " NULL, NULL, NULL, 1717000002000, NULL, NULL, 1717000002000, 'c0ffee', 0, NULL, NULL, -3, 0)");
            sql.executeUpdate("INSERT INTO job_callbacks (job_id, success_uri, in_progress_uri, failed_uri, origin) VALUES"
                    + " ('" + THIRD_JOB + "', 'https://hooks.example/ok', NULL, 'https://hooks.example/failed', 'https://sluice.example')");
            sql.executeUpdate("INSERT INTO callback_deliveries (id, job_id, member, uri, body, attempts, first_at, next_at)"
                    + overriding + " VALUES (5, '" + THIRD_JOB + "', 'failed', 'https://hooks.example/failed', '{\"a\":1}', 2,"
                    + " 1717000003000, 1717000004000), (" + LAST_DELIVERY + ", '" + THIRD_JOB + "', 'successful',"
                    + " 'https://hooks.example/ok', '{}', 0, 1717000005000, 1717000005000)");
            sql.executeUpdate("INSERT INTO schedule_ticks (schedule, tick, outcome, job_id, recorded) VALUES"
                    + " ('nightly', 1717000000000, 'fired', '" + SECOND_JOB + "', 1717000000001),"
                    + " ('nightly', 1716913600000, 'missed', NULL, 1717000000001)");
            sql.executeUpdate("INSERT INTO removed_jobs (id, task, removed) VALUES ('0000018f00000000000000000000000a', 'echo',"
                    + " 1716000000000)");
            sql.executeUpdate("INSERT INTO server_keys (name, value) VALUES ('submitter-tokens', " + bytes + "),"
                    + " ('empty', " + (postgres ? "''::bytea" : "X''") + ")");
            sql.executeUpdate("INSERT INTO maintenance (id, message, since, until) VALUES (1, 'moving house', 1717000000000, NULL)");
        }
    }

    /** Every row of every table, each value as the export writes it, in each table's export order. */
    static Map<String, List<List<String>>> dump(Connection db) throws SQLException {
        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        for (PortableTables.Table table : PortableTables.ALL) {
            List<List<String>> rows = new ArrayList<>();
            try (Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT " + table.columnList() + " FROM " + table.name() + " ORDER BY "
                         + table.orderBy())) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 0; i < table.columns().size(); i++) {
                        row.add(table.columns().get(i).read(rs, i + 1).toString());
                    }
                    rows.add(row);
                }
            }
            tables.put(table.name(), rows);
        }
        return tables;
    }

    static long count(Connection db, String table) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
