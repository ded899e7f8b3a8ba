package dev.sluice.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of retention, run inside the store's transactions: old finished jobs found, removed, and remembered. */
final class SqliteRetention {

    private final SqliteConnection db;
    private final Clock clock;

    SqliteRetention(SqliteConnection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    List<JobId> finishedBefore(String task, Set<JobState> states, Instant before, int limit) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(task));
        states.stream().map(JobState::wireName).sorted().forEach(args::add);
        args.add(before.toEpochMilli());
        args.add(limit);
        return db.rows("SELECT id FROM jobs WHERE task = ? AND state IN (" + String.join(", ", Collections.nCopies(states.size(), "?"))
                + ") AND finished IS NOT NULL AND finished < ? ORDER BY finished LIMIT ?", rs -> new JobId(rs.getString(1)), args.toArray());
    }

    // why: the state is checked in the same statement that deletes, so a job that is queued or running is never removed
    List<JobId> remove(List<JobId> ids) throws SQLException {
        long now = clock.millis();
        List<JobId> removed = new ArrayList<>();
        for (JobId id : ids) {
            int recorded = db.update("INSERT OR IGNORE INTO removed_jobs (id, task, removed) SELECT id, task, ? FROM jobs"
                    + " WHERE id = ? AND state IN ('successful', 'failed', 'dismissed')", now, id.value());
            if (recorded > 0 && db.update("DELETE FROM jobs WHERE id = ? AND state IN ('successful', 'failed', 'dismissed')",
                    id.value()) > 0) {
                removed.add(id);
            }
        }
        return removed;
    }

    Optional<Instant> removedAt(JobId id) throws SQLException {
        return db.rows("SELECT removed FROM removed_jobs WHERE id = ?", rs -> Instant.ofEpochMilli(rs.getLong(1)), id.value())
                .stream().findFirst();
    }
}
