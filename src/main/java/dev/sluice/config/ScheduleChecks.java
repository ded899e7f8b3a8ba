package dev.sluice.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.function.BiConsumer;

/** What makes a schedule unusable: no timing or two, a cron expression that does not parse, an unknown zone or task. */
final class ScheduleChecks {

    private static final Duration SHORTEST_EVERY = Duration.ofSeconds(1);

    private ScheduleChecks() {
    }

    static void check(String name, ScheduleConfig schedule, SluiceConfig config, BiConsumer<String, String> problem) {
        String at = "/schedules/" + name;
        if (!ConfigValidator.NAME.matcher(name).matches()) {
            problem.accept(at, "schedule names use a-z, 0-9, '-' and '_'");
        }
        if ((schedule.every() == null) == (schedule.cron() == null)) {
            problem.accept(at, "needs exactly one of every (e.g. every: 1h) and cron (e.g. cron: \"0 5 * * 0\")");
        }
        if (schedule.every() != null && schedule.every().compareTo(SHORTEST_EVERY) < 0) {
            problem.accept(at + "/every", "must be at least 1s");
        }
        if (schedule.cron() != null) {
            cronProblem(schedule.cron()).ifPresent(why -> problem.accept(at + "/cron", why));
        }
        try {
            ZoneId.of(schedule.timeZone());
        } catch (java.time.DateTimeException unknown) {
            problem.accept(at + "/time-zone", "'" + schedule.timeZone() + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
        if (schedule.task() == null) {
            problem.accept(at + "/task", "names no task; give the task it runs");
            return;
        }
        TaskConfig task = config.tasks().get(schedule.task());
        if (task == null) {
            problem.accept(at + "/task", "there is no task '" + schedule.task() + "'; the tasks are: "
                    + String.join(", ", config.tasks().keySet()));
            return;
        }
        ScheduleInputs.canonical(at, schedule, task, problem);
    }

    private static java.util.Optional<String> cronProblem(String expression) {
        try {
            CronExpression.parse(expression);
            return java.util.Optional.empty();
        } catch (IllegalArgumentException bad) {
            return java.util.Optional.of("'" + expression + "' is not a Unix cron expression (five fields: minute hour "
                    + "day-of-month month day-of-week, or @hourly, @daily, @weekly, @monthly, @yearly): " + bad.getMessage());
        }
    }
}
