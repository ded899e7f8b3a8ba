package dev.sluice.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The INSERT of a new job into the SQLite store, shared by submissions and schedule ticks, run inside the caller's
 * transaction; it fixes the job's {@link Standing} from the waiting line in memory and adds the job to it.
 */
final class SqliteJobInsert implements ScheduleTicks.JobInsert {

    private final Clock clock;
    private final AcceptedJobs accepted;
    private final SqlCallbacks callbacks;

    SqliteJobInsert(Clock clock, AcceptedJobs accepted, SqlCallbacks callbacks) {
        this.callbacks = callbacks;
        this.clock = clock;
        this.accepted = accepted;
    }

    @Override
    public Job insert(Statements sql, NewJob job, Optional<String> schedule) throws SQLException {
        Instant now = clock.instant();
        Job inserted = JobTable.insert(sql, job, schedule, now, accepted.promotion(job.queue(), job.precedence(), now));
        if (job.subscriber().isPresent()) {
            callbacks.insert(sql, job.id(), job.subscriber().get());
        }
        accepted.add(inserted);
        return inserted;
    }
}
