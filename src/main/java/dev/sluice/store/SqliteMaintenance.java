package dev.sluice.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The SQL of the one maintenance row, run inside the store's transactions. */
final class SqliteMaintenance {

    private SqliteMaintenance() {
    }

    static Optional<Maintenance> read(SqliteConnection db) throws SQLException {
        return db.rows("SELECT message, since, until FROM maintenance WHERE id = 1", rs -> {
            long until = rs.getLong(3);
            Optional<Instant> ends = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
            return new Maintenance(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), ends);
        }).stream().findFirst();
    }

    static Void write(SqliteConnection db, Optional<Maintenance> maintenance) throws SQLException {
        db.update("DELETE FROM maintenance");
        if (maintenance.isPresent()) {
            Maintenance m = maintenance.get();
            db.update("INSERT INTO maintenance (id, message, since, until) VALUES (1, ?, ?, ?)", m.message(),
                    m.since().toEpochMilli(), m.until().map(Instant::toEpochMilli).orElse(null));
        }
        return null;
    }
}
