package dev.sluice.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The SQL of the server's own rows (its keys, the readiness probe, maintenance mode), run inside either store's
 * transactions. Each write is one upsert, so nodes sharing a database that write at once never collide on a key.
 */
final class ServerRows {

    private ServerRows() {
    }

    // why: one statement that stores the key or, when one is there, returns it unchanged; the first one stored wins (a
    // second node inserting at the same moment waits for the first one's commit, then gets its key)
    static byte[] serverKey(Statements sql, String name, byte[] created) throws SQLException {
        return sql.rows("INSERT INTO server_keys (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = server_keys.value RETURNING value", rs -> rs.getBytes(1), name, created)
                .getFirst();
    }

    // why: a real commit, not a rolled-back transaction: only a commit reaches the file, where a read-only or failing
    // disk shows; one row of its own in server_keys, so no migration is needed and no key is touched
    static int probe(Statements sql, long now) throws SQLException {
        return sql.update("INSERT INTO server_keys (name, value) VALUES ('readiness-probe', ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value", java.nio.ByteBuffer.allocate(Long.BYTES).putLong(now).array());
    }

    static Optional<Maintenance> maintenance(Statements sql) throws SQLException {
        return sql.rows("SELECT message, since, until FROM maintenance WHERE id = 1", rs -> {
            long until = rs.getLong(3);
            Optional<Instant> ends = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
            return new Maintenance(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), ends);
        }).stream().findFirst();
    }

    static Void setMaintenance(Statements sql, Optional<Maintenance> maintenance) throws SQLException {
        if (maintenance.isEmpty()) {
            sql.update("DELETE FROM maintenance");
            return null;
        }
        Maintenance m = maintenance.get();
        sql.update("INSERT INTO maintenance (id, message, since, until) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
                        + " SET message = excluded.message, since = excluded.since, until = excluded.until",
                m.message(), m.since().toEpochMilli(), m.until().map(Instant::toEpochMilli).orElse(null));
        return null;
    }
}
