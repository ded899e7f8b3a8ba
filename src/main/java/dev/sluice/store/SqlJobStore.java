package dev.sluice.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What both SQL stores answer alike: retention's and callbacks' parts of the store, and the reads that {@link JobTable}, {@link ScheduleTicks} and {@link ServerRows} make
 * on either database. The writes, the claims and the waiting line differ (one node's file against a shared server).
 */
abstract sealed class SqlJobStore implements JobStore permits SqliteJobStore, PostgresJobStore {

    private final Transactions reads;
    protected final Clock clock;
    protected final SqlCallbacks callbacks;
    private final SqlRetention retention;

    SqlJobStore(Transactions db, Clock clock, SqlCallbacks callbacks) {
        this.reads = db;
        this.clock = clock;
        this.callbacks = callbacks;
        this.retention = new SqlRetention(db, clock);
    }

    @Override
    public RetentionStore retention() {
        return retention;
    }

    @Override
    public CallbackStore callbacks() {
        return callbacks;
    }

    @Override
    public Optional<Job> find(JobId id) {
        return reads.read(sql -> JobTable.find(sql, id));
    }

    @Override
    public List<Job> recent(int limit) {
        return reads.read(sql -> JobTable.recent(sql, limit));
    }

    @Override
    public List<Job> list(JobQuery query) {
        JobQuerySql select = JobQuerySql.of(query, clock.millis());
        return reads.read(sql -> JobTable.matching(sql, select));
    }

    @Override
    public List<Job> inState(JobState state) {
        return reads.read(sql -> JobTable.inState(sql, state));
    }

    @Override
    public List<Job> finishedSince(Set<String> tasks, Instant since, int limit) {
        JobQuerySql select = JobQuerySql.finishedSince(tasks, since, limit);
        return tasks.isEmpty() ? List.of() : reads.read(sql -> JobTable.matching(sql, select));
    }

    @Override
    public List<QueuedJob> lineUp(String queue) {
        return reads.read(sql -> JobTable.lineUp(sql, queue));
    }

    @Override
    public List<Duration> recentDurations(String task, int limit) {
        return reads.read(sql -> JobTable.recentDurations(sql, task, limit));
    }

    @Override
    public List<JobId> waitingSince(String queue, Instant before, int limit) {
        return reads.read(sql -> JobTable.waitingSince(sql, queue, before, limit));
    }

    @Override
    public List<ScheduleTick> lastTicks() {
        return reads.read(ScheduleTicks::last);
    }

    @Override
    public Optional<Maintenance> maintenance() {
        return reads.read(ServerRows::maintenance);
    }
}
