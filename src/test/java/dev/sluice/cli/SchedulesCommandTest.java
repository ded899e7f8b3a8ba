package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import org.junit.jupiter.api.Test;

class SchedulesCommandTest extends ServerFixture {

    @Test
    void lists_each_schedule_with_its_timing_last_tick_and_next_tick() {
        start("""
                tasks:
                  refresh-the-long-named-data-source: { command: ["true"] }
                schedules:
                  often: { task: refresh-the-long-named-data-source, every: 1s }
                  weekly: { task: refresh-the-long-named-data-source, cron: "0 5 * * 0", time-zone: Europe/Berlin }
                """);
        await().atMost(TestServer.PATIENCE).until(() -> server.http().get("/admin/schedules").json()
                .path("schedules").get(0).path("lastTick").has("at"));

        Run run = SluiceCommand.run("schedules", "--server", server.http().base());

        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().split("\\R");
        assertThat(lines[0]).startsWith("SCHEDULE").contains("NEXT TICK");
        assertThat(lines[1]).startsWith("often").contains("every 1s");
        assertThat(lines[2]).startsWith("weekly").contains("cron 0 5 * * 0 (Europe/Berlin)", "never");
        assertThat(lines[1].indexOf("every")).as("aligned").isEqualTo(lines[2].indexOf("cron"));
        Run json = SluiceCommand.run("schedules", "--server", server.http().base(), "--json");
        assertThat(TestServer.parse(json.out()).path("schedules").findValuesAsText("name")).contains("often", "weekly");
    }
}
