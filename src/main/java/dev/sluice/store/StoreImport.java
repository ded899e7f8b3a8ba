package dev.sluice.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills a store that holds no jobs with the rows of an export ({@link StoreExport}), in one transaction: every row as it
 * was (ids, seq, states, instants, owners, server keys, schedule ticks), or nothing at all.
 */
public final class StoreImport {

    /** Rows sent to the database at a time. */
    private static final int BATCH = 500;

    /** What was imported, and where. */
    public record Report(Path file, ExportHeader header, StoreLocation target) {
    }

    private StoreImport() {
    }

    /**
     * Reads {@code file} through once to check it (a damaged or cut-short file touches no database), then imports it
     * into {@code target}, refusing a store that holds jobs. The caller keeps servers off the store: it holds the
     * data folder's lock (on PostgreSQL the node lock is taken here).
     */
    public static Report read(Path file, StoreLocation target) {
        ExportHeader header = check(file);
        try (PortableConnection store = PortableConnection.forImport(target)) {
            try {
                store.beginWrite();
                refuseUnlessEmpty(store);
                clearLeftovers(store);
                copyRows(file, store);
                store.continueSequences();
                store.connection().commit();
            } catch (SQLException | RuntimeException failed) {
                store.connection().rollback();
                throw failed;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot import " + file + " into " + target.describe() + ": " + driverMessage(e)
                    + "; nothing was imported", e);
        }
        return new Report(file, header, target);
    }

    /** Reads the whole file, checking every line, its counts and its digest; returns its header. */
    public static ExportHeader check(Path file) {
        try (ExportFileReader reader = ExportFileReader.open(file)) {
            while (reader.next().isPresent()) {
                // each row is checked as it is read
            }
            return reader.header();
        }
    }

    private static void refuseUnlessEmpty(PortableConnection store) throws SQLException {
        long jobs = count(store, "jobs");
        long removed = count(store, "removed_jobs");
        if (jobs + removed == 0) {
            return;
        }
        String held = jobs > 0 ? jobs + (jobs == 1 ? " job" : " jobs") : "the records of " + removed + " removed jobs";
        String instead = store.location() instanceof StoreLocation.Sqlite sqlite
                ? "move " + sqlite.file().getFileName() + " aside first" : "create a new database for it";
        throw new StoreException(store.location().describe() + " already holds " + held + "; an import fills only a store"
                + " without jobs and never merges into one: " + instead, null);
    }

    // why: a store without jobs may still have been started once: its schedule ticks and maintenance row would collide
    // with the file's, which are the ones that hold from now on (its server keys give way row by row: PortableTables)
    private static void clearLeftovers(PortableConnection store) throws SQLException {
        try (Statement statement = store.connection().createStatement()) {
            for (String table : List.of("callback_deliveries", "job_callbacks", "schedule_ticks", "maintenance")) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    private static void copyRows(Path file, PortableConnection store) throws SQLException {
        Map<String, PreparedStatement> inserts = new HashMap<>();
        try (ExportFileReader reader = ExportFileReader.open(file)) {
            PreparedStatement pending = null;
            int batched = 0;
            for (Optional<ExportFileReader.Row> next = reader.next(); next.isPresent(); next = reader.next()) {
                ExportFileReader.Row row = next.get();
                PreparedStatement insert = inserts.get(row.table().name());
                if (insert == null) {
                    insert = store.connection().prepareStatement(store.insert(row.table()));
                    inserts.put(row.table().name(), insert);
                }
                if (insert != pending || batched == BATCH) {
                    flush(pending);
                    pending = insert;
                    batched = 0;
                }
                for (int i = 0; i < row.values().size(); i++) {
                    row.table().columns().get(i).bind(insert, i + 1, row.values().get(i));
                }
                insert.addBatch();
                batched++;
            }
            flush(pending);
        } finally {
            for (PreparedStatement insert : inserts.values()) {
                insert.close();
            }
        }
    }

    private static void flush(PreparedStatement batch) throws SQLException {
        if (batch != null) {
            batch.executeBatch();
        }
    }

    private static long count(PortableConnection store, String table) throws SQLException {
        try (Statement statement = store.connection().createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // why: PostgreSQL's batch failure says "call getNextException" and repeats the statement with its values (job
    // inputs); the reason is in the next exception
    private static String driverMessage(SQLException e) {
        SQLException reason = e;
        while (reason.getNextException() != null && reason.getNextException() != reason) {
            reason = reason.getNextException();
        }
        return String.valueOf(reason.getMessage()).replace('\n', ' ');
    }
}
