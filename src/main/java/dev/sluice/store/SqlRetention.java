package dev.sluice.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Retention's part of either SQL store: old finished jobs found, measured, removed, and remembered as removed. */
final class SqlRetention implements RetentionStore {

    private static final String FINISHED = "state IN ('successful', 'failed', 'dismissed')";

    private final Transactions db;
    private final Clock clock;

    SqlRetention(Transactions db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<JobId> finishedBefore(String task, Set<JobState> states, Instant before, int limit) {
        List<Object> args = new ArrayList<>(List.of(task));
        states.stream().map(JobState::wireName).sorted().forEach(args::add);
        args.add(before.toEpochMilli());
        args.add(limit);
        return db.read(sql -> sql.rows("SELECT id FROM jobs WHERE task = ? AND state IN ("
                + String.join(", ", Collections.nCopies(states.size(), "?")) + ") AND finished IS NOT NULL AND finished < ?"
                + " ORDER BY finished LIMIT ?", rs -> new JobId(rs.getString(1)), args.toArray()));
    }

    // why: the state is checked in the same statement that deletes, so a job that is queued or running is never removed
    @Override
    public List<JobId> remove(List<JobId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        long now = clock.millis();
        return db.write(sql -> {
            List<JobId> removed = new ArrayList<>();
            for (JobId id : ids) {
                int recorded = sql.update("INSERT INTO removed_jobs (id, task, removed) SELECT id, task, ? FROM jobs"
                        + " WHERE id = ? AND " + FINISHED + " ON CONFLICT DO NOTHING", now, id.value());
                if (recorded > 0 && sql.update("DELETE FROM jobs WHERE id = ? AND " + FINISHED, id.value()) > 0) {
                    removed.add(id);
                }
            }
            return removed;
        });
    }

    @Override
    public boolean dismiss(JobId id) {
        return db.write(sql -> sql.update("DELETE FROM jobs WHERE id = ? AND " + FINISHED, id.value()) > 0);
    }

    @Override
    public List<JobId> unmeasured(int limit) {
        return db.read(sql -> sql.rows("SELECT id FROM jobs WHERE finished IS NOT NULL AND disk_bytes IS NULL AND " + FINISHED
                + " ORDER BY finished LIMIT ?", rs -> new JobId(rs.getString(1)), limit));
    }

    @Override
    public void recordDiskUse(Map<JobId, Long> bytes) {
        if (bytes.isEmpty()) {
            return;
        }
        db.write(sql -> {
            for (Map.Entry<JobId, Long> job : bytes.entrySet()) {
                sql.update("UPDATE jobs SET disk_bytes = ? WHERE id = ?", job.getValue(), job.getKey().value());
            }
            return null;
        });
    }

    @Override
    public long diskUse() {
        return db.read(sql -> sql.rows("SELECT COALESCE(SUM(disk_bytes), 0) FROM jobs", rs -> rs.getLong(1)).getFirst());
    }

    @Override
    public LinkedHashMap<JobId, Long> oldestFinished(int limit) {
        LinkedHashMap<JobId, Long> oldest = new LinkedHashMap<>();
        db.read(sql -> sql.rows("SELECT id, COALESCE(disk_bytes, 0) FROM jobs WHERE finished IS NOT NULL AND " + FINISHED
                + " ORDER BY finished LIMIT ?", rs -> oldest.put(new JobId(rs.getString(1)), rs.getLong(2)), limit));
        return oldest;
    }

    @Override
    public Optional<Instant> removedAt(JobId id) {
        return db.read(sql -> sql.rows("SELECT removed FROM removed_jobs WHERE id = ?", rs -> Instant.ofEpochMilli(rs.getLong(1)),
                id.value()).stream().findFirst());
    }
}
