package dev.sluice.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The SQL of the server's own rows (its keys, the readiness probe, maintenance mode), run inside the store's transactions. */
final class SqliteServerRows {

    private SqliteServerRows() {
    }

    // why: one statement that stores the key or, when one is there, returns it unchanged; the first one stored wins
    static byte[] serverKey(SqliteConnection db, String name, byte[] created) throws SQLException {
        return db.rows("INSERT INTO server_keys (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = server_keys.value RETURNING value", rs -> rs.getBytes(1), name, created)
                .getFirst();
    }

    // why: a real commit, not a rolled-back transaction: only a commit reaches the file, where a read-only or failing
    // disk shows; one row of its own in server_keys, so no migration is needed and no key is touched
    static int probe(SqliteConnection db, long now) throws SQLException {
        return db.update("INSERT INTO server_keys (name, value) VALUES ('readiness-probe', ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value", java.nio.ByteBuffer.allocate(Long.BYTES).putLong(now).array());
    }

    static Optional<Maintenance> maintenance(SqliteConnection db) throws SQLException {
        return db.rows("SELECT message, since, until FROM maintenance WHERE id = 1", rs -> {
            long until = rs.getLong(3);
            Optional<Instant> ends = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
            return new Maintenance(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), ends);
        }).stream().findFirst();
    }

    static Void setMaintenance(SqliteConnection db, Optional<Maintenance> maintenance) throws SQLException {
        db.update("DELETE FROM maintenance");
        if (maintenance.isPresent()) {
            Maintenance m = maintenance.get();
            db.update("INSERT INTO maintenance (id, message, since, until) VALUES (1, ?, ?, ?)", m.message(),
                    m.since().toEpochMilli(), m.until().map(Instant::toEpochMilli).orElse(null));
        }
        return null;
    }
}
