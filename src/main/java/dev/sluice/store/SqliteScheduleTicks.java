package dev.sluice.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of schedule ticks, run inside the store's transactions: a tick and the job it starts, recorded together. */
final class SqliteScheduleTicks {

    private final SqliteConnection db;
    private final Clock clock;
    private final SqliteJobInsert inserts;

    SqliteScheduleTicks(SqliteConnection db, Clock clock, SqliteJobInsert inserts) {
        this.db = db;
        this.clock = clock;
        this.inserts = inserts;
    }

    Optional<ScheduleTick> record(String schedule, Instant at, Optional<NewJob> job, boolean skipWhileActive) throws SQLException {
        if (db.scalar("SELECT COUNT(*) FROM schedule_ticks WHERE schedule = ? AND tick = ?", schedule, at.toEpochMilli()) > 0) {
            return Optional.empty();
        }
        ScheduleTick tick;
        if (job.isEmpty()) {
            tick = new ScheduleTick(schedule, at, ScheduleTick.Outcome.MISSED, Optional.empty());
        } else if (skipWhileActive && db.scalar("SELECT COUNT(*) FROM jobs WHERE schedule = ? AND state IN ('accepted', 'running')",
                schedule) > 0) {
            tick = new ScheduleTick(schedule, at, ScheduleTick.Outcome.OVERLAP, Optional.empty());
        } else {
            tick = new ScheduleTick(schedule, at, ScheduleTick.Outcome.FIRED, Optional.of(inserts.insert(job.get(), Optional.of(schedule)).id()));
        }
        db.update("INSERT INTO schedule_ticks (schedule, tick, outcome, job_id, recorded) VALUES (?, ?, ?, ?, ?)", schedule,
                at.toEpochMilli(), tick.outcome().wire(), tick.job().map(JobId::value).orElse(null), clock.millis());
        return Optional.of(tick);
    }

    List<ScheduleTick> last() throws SQLException {
        return db.rows("SELECT schedule, tick, outcome, job_id FROM schedule_ticks t"
                        + " WHERE tick = (SELECT MAX(tick) FROM schedule_ticks WHERE schedule = t.schedule) ORDER BY schedule",
                rs -> new ScheduleTick(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        ScheduleTick.Outcome.fromWire(rs.getString(3)), Optional.ofNullable(rs.getString(4)).map(JobId::new)));
    }
}
