package dev.sluice.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of schedule ticks, run inside either store's transactions: a tick and the job it starts, recorded together. */
final class ScheduleTicks {

    /** The store's own INSERT of a new job, run inside the tick's transaction. */
    interface JobInsert {
        Job insert(Statements sql, NewJob job, Optional<String> schedule) throws SQLException;
    }

    private final Clock clock;
    private final JobInsert inserts;

    ScheduleTicks(Clock clock, JobInsert inserts) {
        this.clock = clock;
        this.inserts = inserts;
    }

    /**
     * The tick's key decides first: a second node recording the same tick at the same moment waits at the INSERT for
     * the first one's commit, then finds the key taken and starts nothing. The job's id is known before it is
     * inserted, so the tick row is written whole.
     */
    Optional<ScheduleTick> record(Statements sql, String schedule, Instant at, Optional<NewJob> job, boolean skipWhileActive)
            throws SQLException {
        ScheduleTick tick;
        if (job.isEmpty()) {
            tick = new ScheduleTick(schedule, at, ScheduleTick.Outcome.MISSED, Optional.empty());
        } else if (skipWhileActive && sql.scalar("SELECT COUNT(*) FROM jobs WHERE schedule = ? AND state IN ('accepted', 'running')",
                schedule) > 0) {
            tick = new ScheduleTick(schedule, at, ScheduleTick.Outcome.OVERLAP, Optional.empty());
        } else {
            tick = new ScheduleTick(schedule, at, ScheduleTick.Outcome.FIRED, Optional.of(job.get().id()));
        }
        int recorded = sql.update("INSERT INTO schedule_ticks (schedule, tick, outcome, job_id, recorded) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (schedule, tick) DO NOTHING", schedule, at.toEpochMilli(), tick.outcome().wire(),
                tick.job().map(JobId::value).orElse(null), clock.millis());
        if (recorded == 0) {
            return Optional.empty();
        }
        if (tick.outcome() == ScheduleTick.Outcome.FIRED) {
            inserts.insert(sql, job.get(), Optional.of(schedule));
        }
        return Optional.of(tick);
    }

    static List<ScheduleTick> last(Statements sql) throws SQLException {
        return sql.rows("SELECT schedule, tick, outcome, job_id FROM schedule_ticks t"
                        + " WHERE tick = (SELECT MAX(tick) FROM schedule_ticks WHERE schedule = t.schedule) ORDER BY schedule",
                rs -> new ScheduleTick(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        ScheduleTick.Outcome.fromWire(rs.getString(3)), Optional.ofNullable(rs.getString(4)).map(JobId::new)));
    }
}
