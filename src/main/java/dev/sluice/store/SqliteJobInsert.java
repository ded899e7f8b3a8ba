package dev.sluice.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The one INSERT of a new job, shared by submissions and schedule ticks, run inside the caller's transaction; it
 * fixes the job's {@link Standing} and adds it to the waiting line.
 */
final class SqliteJobInsert {

    private final SqliteConnection db;
    private final Clock clock;
    private final AcceptedJobs accepted;
    private final SqliteCallbacks callbacks;

    SqliteJobInsert(SqliteConnection db, Clock clock, AcceptedJobs accepted, SqliteCallbacks callbacks) {
        this.callbacks = callbacks;
        this.db = db;
        this.clock = clock;
        this.accepted = accepted;
    }

    Job insert(NewJob job, Optional<String> schedule) throws SQLException {
        Instant now = clock.instant();
        Instant promoteAt = accepted.promotion(job.queue(), job.precedence(), now);
        Job inserted = db.query("INSERT INTO jobs (id, task, queue, state, inputs, max_retries, created, updated, owner, schedule,"
                        + " priority, promote_at) VALUES (?, ?, ?, 'accepted', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + JobRows.COLUMNS,
                job.id().value(), job.task(), job.queue(), JobRows.inputsJson(job.inputs()), job.maxRetries(), now.toEpochMilli(),
                now.toEpochMilli(), job.owner().orElse(null), schedule.orElse(null), job.precedence().priority(),
                promoteAt.toEpochMilli()).getFirst();
        if (job.subscriber().isPresent()) {
            callbacks.insert(job.id(), job.subscriber().get());
        }
        accepted.add(inserted);
        return inserted;
    }
}
