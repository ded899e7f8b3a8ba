package dev.sluice.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link JobQuery} as one SELECT of the jobs table with its arguments, in SQL that SQLite and PostgreSQL share. */
record JobQuerySql(String sql, List<Object> args) {

    /** The SELECT for {@code query}; {@code nowMillis} ends the duration of a job still running. */
    static JobQuerySql of(JobQuery query, long nowMillis) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        query.owner().ifPresent(owner -> {
            where.add("owner = ?");
            args.add(owner);
        });
        if (!query.states().isEmpty()) {
            where.add("state IN (" + placeholders(query.states().size()) + ")");
            query.states().stream().map(JobState::wireName).sorted().forEach(args::add);
        }
        if (!query.tasks().isEmpty()) {
            where.add("task IN (" + placeholders(query.tasks().size()) + ")");
            query.tasks().stream().sorted().forEach(args::add);
        }
        if (!query.schedules().isEmpty()) {
            where.add("schedule IN (" + placeholders(query.schedules().size()) + ")");
            query.schedules().stream().sorted().forEach(args::add);
        }
        query.createdFrom().ifPresent(from -> {
            where.add("created >= ?");
            args.add(from.toEpochMilli());
        });
        query.createdTo().ifPresent(to -> {
            where.add("created <= ?");
            args.add(to.toEpochMilli());
        });
        query.minDuration().ifPresent(least -> {
            where.add("started IS NOT NULL AND COALESCE(finished, ?) - started >= ?");
            args.add(nowMillis);
            args.add(least.toMillis());
        });
        query.maxDuration().ifPresent(most -> {
            where.add("started IS NOT NULL AND COALESCE(finished, ?) - started <= ?");
            args.add(nowMillis);
            args.add(most.toMillis());
        });
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        args.add(query.limit());
        args.add(query.offset());
        return new JobQuerySql("SELECT " + JobRows.COLUMNS + " FROM jobs" + filter + " ORDER BY seq DESC LIMIT ? OFFSET ?", args);
    }

    /** Jobs of these tasks finished since a moment: by task, so that the (task, finished) index answers it. */
    static JobQuerySql finishedSince(java.util.Set<String> tasks, java.time.Instant since, int limit) {
        List<Object> args = new ArrayList<>(tasks.stream().sorted().toList());
        args.add(since.toEpochMilli());
        args.add(limit);
        return new JobQuerySql("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE task IN (" + placeholders(tasks.size())
                + ") AND finished >= ? ORDER BY finished DESC LIMIT ?", args);
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
