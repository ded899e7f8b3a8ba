package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schedule that could not fire as written is refused at start, each problem with its line, like a bad task. */
class ScheduleConfigTest {

    private static final String TASKS = """
            tasks:
              refresh:
                command: [echo, "{source}", "{days}"]
                inputs:
                  source: { type: string, enum: [csv, api] }
                  days: { type: integer, min: 1, default: 7 }
                  upload: { type: file, required: false }
            """;

    @TempDir
    Path dir;

    @Test
    void a_good_schedule_is_read_with_its_defaults() throws ConfigException {
        SluiceConfig config = parse(TASKS + """
                schedules:
                  hourly: { task: refresh, every: 1h, inputs: { source: csv } }
                  weekly: { task: refresh, cron: "0 5 * * 0", time-zone: Europe/Berlin, catch-up: skip, overlap: queue,
                            inputs: { source: api, days: 30 } }
                  nightly: { task: refresh, cron: "@daily", inputs: { source: csv } }
                """);

        ScheduleConfig hourly = config.schedules().get("hourly");
        assertThat(hourly.timeZone()).isEqualTo("UTC");
        assertThat(hourly.catchUp()).isEqualTo(ScheduleConfig.CatchUp.ONCE);
        assertThat(hourly.overlap()).isEqualTo(ScheduleConfig.Overlap.SKIP);
        assertThat(config.schedules().get("weekly").catchUp()).isEqualTo(ScheduleConfig.CatchUp.SKIP);
        assertThat(ScheduleInputs.canonical("/x", config.schedules().get("weekly"), config.tasks().get("refresh"), (at, why) -> {
            throw new AssertionError(at + " " + why);
        })).containsEntry("source", "api").containsEntry("days", "30");
    }

    @Test
    void every_problem_of_a_schedule_is_named_with_its_line() {
        List<String> problems = problems(TASKS + """
                schedules:
                  both: { task: refresh, every: 1h, cron: "0 * * * *", inputs: { source: csv } }
                  neither: { task: refresh, inputs: { source: csv } }
                  badcron: { task: refresh, cron: "61 * * * *", inputs: { source: csv } }
                  zone: { task: refresh, every: 1h, time-zone: Mars/Olympus, inputs: { source: csv } }
                  notask: { task: nothing, every: 1h }
                  values: { task: refresh, every: 1h, inputs: { source: xml, days: 0, colour: red } }
                  missing: { task: refresh, every: 1h }
                  upload: { task: refresh, every: 1h, inputs: { source: csv, upload: /etc/passwd } }
                  fast: { task: refresh, every: 10ms, inputs: { source: csv } }
                """);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("schedules.both", "exactly one of every"))
                .anySatisfy(p -> assertThat(p).contains("schedules.neither", "exactly one of every"))
                .anySatisfy(p -> assertThat(p).contains("schedules.badcron.cron", "not a Unix cron expression"))
                .anySatisfy(p -> assertThat(p).contains("schedules.zone.time-zone", "Mars/Olympus"))
                .anySatisfy(p -> assertThat(p).contains("schedules.notask.task", "no task 'nothing'", "refresh"))
                .anySatisfy(p -> assertThat(p).contains("schedules.values.inputs.source", "csv, api"))
                .anySatisfy(p -> assertThat(p).contains("schedules.values.inputs.days"))
                .anySatisfy(p -> assertThat(p).contains("schedules.values.inputs.colour", "no input 'colour'"))
                .anySatisfy(p -> assertThat(p).contains("schedules.missing.inputs", "'source'", "required"))
                .anySatisfy(p -> assertThat(p).contains("schedules.upload.inputs.upload", "cannot upload"))
                .anySatisfy(p -> assertThat(p).contains("schedules.fast.every", "at least 1s"));
        assertThat(problems).allSatisfy(p -> assertThat(p).matches("sluice\\.yaml:\\d+: .*"));
    }

    private SluiceConfig parse(String yaml) throws ConfigException {
        return ConfigTexts.parse(dir, yaml);
    }

    private List<String> problems(String yaml) {
        return ConfigTexts.problems(dir, yaml);
    }
}
