package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.store.JobQuery;
import dev.sluice.store.JobState;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The filters of `GET /jobs`, named as OGC API – Processes names them: {@code status}, {@code processID}, {@code type},
 * {@code datetime} (when the job was created), {@code minDuration} and {@code maxDuration} (seconds run), {@code limit}
 * and {@code offset}. Each bad value is a 400 naming the parameter.
 */
final class JobListParameters {

    static final int LIMIT_DEFAULT = 100;
    static final int LIMIT_MAX = 1000;
    private static final int MOST_VALUES = 100;
    private static final String STATES = Arrays.stream(JobState.values()).map(JobState::wireName).collect(Collectors.joining(", "));

    private JobListParameters() {
    }

    /** The criteria the request asks for, for every submitter: {@link VisibleJobs} narrows them to what the caller may see. */
    static JobQuery from(Context ctx) {
        int limit = limit(ctx);
        JobQuery query = JobQuery.everyones(limit).page(offset(ctx), limit);
        query = query.inStates(states(values(ctx, "status")));
        query = query.ofTasks(values(ctx, "processID"));
        query = query.ofSchedules(values(ctx, "schedule"));
        query = query.ranBetween(seconds(ctx, "minDuration"), seconds(ctx, "maxDuration"));
        String datetime = ctx.queryParam("datetime");
        return datetime == null ? query : CreatedInterval.parse(datetime).narrow(query);
    }

    static int limit(Context ctx) {
        return wholeNumber("limit", ctx.queryParam("limit"), LIMIT_DEFAULT, 1, LIMIT_MAX);
    }

    static int offset(Context ctx) {
        return wholeNumber("offset", ctx.queryParam("offset"), 0, 0, Integer.MAX_VALUE);
    }

    /**
     * Whether the `type` filter lets jobs of processes through: every job here is one (OGC's type `process`), so a
     * list asking only for other types is empty, not an error.
     */
    static boolean processesWanted(Context ctx) {
        Set<String> types = values(ctx, "type");
        return types.isEmpty() || types.contains("process");
    }

    // why: OGC API – Processes counts job durations in whole seconds
    private static Optional<java.time.Duration> seconds(Context ctx, String parameter) {
        String asked = ctx.queryParam(parameter);
        return asked == null ? Optional.empty()
                : Optional.of(java.time.Duration.ofSeconds(wholeNumber(parameter, asked, 0, 0, Integer.MAX_VALUE)));
    }

    /** A whole-number query parameter from {@code min} to {@code max}, {@code byDefault} when absent; a 400 naming it otherwise. */
    static int wholeNumber(String parameter, String asked, int byDefault, int min, int max) {
        if (asked == null) {
            return byDefault;
        }
        String reason = "must be a whole number from " + min + " to " + max;
        try {
            int value = Integer.parseInt(asked);
            if (value < min || value > max) {
                throw bad(parameter, reason);
            }
            return value;
        } catch (NumberFormatException notANumber) {
            throw bad(parameter, reason);
        }
    }

    private static Set<JobState> states(Set<String> names) {
        Set<JobState> states = new LinkedHashSet<>();
        for (String name : names) {
            Optional<JobState> state = Arrays.stream(JobState.values()).filter(s -> s.wireName().equals(name)).findFirst();
            states.add(state.orElseThrow(() -> bad("status", "'" + SubmissionReader.abbreviate(name) + "' is not one of " + STATES)));
        }
        return states;
    }

    // why: OGC clients repeat the parameter (status=running&status=accepted); people write a comma list; both work
    static Set<String> values(Context ctx, String name) {
        List<String> raw = ctx.queryParams(name);
        Set<String> values = new LinkedHashSet<>();
        for (String item : raw.stream().flatMap(v -> Arrays.stream(v.split(",", -1))).map(String::strip).toList()) {
            if (item.isEmpty()) {
                throw bad(name, "has an empty value");
            }
            values.add(item);
        }
        if (values.size() > MOST_VALUES) {
            throw bad(name, "has more than " + MOST_VALUES + " values");
        }
        return values;
    }

    static SluiceException bad(String parameter, String reason) {
        return Problems.badParameter(parameter, reason);
    }

    /** An ISO 8601 instant or interval ({@code a/b}, {@code a/..}, {@code ../b}) of creation times, both ends included. */
    record CreatedInterval(Optional<Instant> from, Optional<Instant> to) {

        static CreatedInterval parse(String text) {
            String[] ends = text.split("/", -1);
            if (ends.length == 1) {
                Instant at = instant(ends[0]).orElseThrow(() -> bad("datetime", "must be an instant or an interval, not '..'"));
                return new CreatedInterval(Optional.of(at), Optional.of(at));
            }
            if (ends.length != 2) {
                throw bad("datetime", "must be one instant or two joined by '/' (start/end, '..' for an open end)");
            }
            CreatedInterval interval = new CreatedInterval(instant(ends[0]), instant(ends[1]));
            if (interval.from.isPresent() && interval.to.isPresent() && interval.from.get().isAfter(interval.to.get())) {
                throw bad("datetime", "starts after it ends");
            }
            return interval;
        }

        JobQuery narrow(JobQuery query) {
            return query.createdBetween(from, to);
        }

        private static Optional<Instant> instant(String text) {
            if (text.equals("..") || text.isEmpty()) {
                return Optional.empty();
            }
            try {
                // why: RFC 3339 (5.6) lets the T and Z be lower case
                return Optional.of(Instant.parse(text.toUpperCase(java.util.Locale.ROOT)));
            } catch (DateTimeParseException notAnInstant) {
                throw bad("datetime", "'" + SubmissionReader.abbreviate(text) + "' is not an instant such as 2026-12-01T00:00:00Z");
            }
        }
    }
}
