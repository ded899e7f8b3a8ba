package dev.sluice.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real server fires its schedules: the jobs run, carry the schedule's name, and the admin sees each schedule. */
class ScheduleServerTest extends ServerFixture {

    @Test
    void a_schedule_every_second_runs_its_task_with_its_inputs_and_the_admin_sees_its_ticks() {
        server = TestServer.start(dir, """
                tasks:
                  echo:
                    command: [echo, "{message}"]
                    inputs:
                      message: { type: string }
                  other:
                    command: ["true"]
                schedules:
                  tick: { task: echo, every: 1s, inputs: { message: scheduled } }
                """, Map.of("SLUICE_SERVER_AUTH_LIST_ALL", "true"));

        await().atMost(TestServer.PATIENCE).until(() -> successful(server.http().get("/jobs?schedule=tick")).size() >= 2);
        server.submit("other", "{}");

        List<JsonNode> jobs = successful(server.http().get("/jobs?schedule=tick"));
        String id = jobs.getFirst().path("jobID").asText();
        assertThat(server.status(id).path("schedule").asText()).isEqualTo("tick");
        assertThat(server.http().get("/jobs/" + id + "/log").body()).contains("scheduled");
        assertThat(server.http().get("/jobs?schedule=tick").json().path("jobs").findValuesAsText("processID")).containsOnly("echo");

        JsonNode schedules = server.http().get("/admin/schedules").json().path("schedules");
        assertThat(schedules).hasSize(1);
        JsonNode tick = schedules.get(0);
        assertThat(tick.path("name").asText()).isEqualTo("tick");
        assertThat(tick.path("every").asText()).isEqualTo("1s");
        assertThat(tick.path("lastTick").path("outcome").asText()).isIn("fired", "overlap");
        assertThat(java.time.Instant.parse(tick.path("nextTick").asText()))
                .isAfter(java.time.Instant.parse(tick.path("lastTick").path("at").asText()));
        HttpTestClient.Response page = server.http().get("/admin");
        assertThat(page.body()).contains("id=\"schedules\"", "every 1s");
        assertThat(server.metrics()).containsPattern(
                "sluice_schedule_ticks_total\\{outcome=\"fired\",schedule=\"tick\"} [1-9]");
    }

    private static List<JsonNode> successful(HttpTestClient.Response list) {
        List<JsonNode> found = new java.util.ArrayList<>();
        list.json().path("jobs").forEach(job -> {
            if (job.path("status").asText().equals("successful")) {
                found.add(job);
            }
        });
        return found;
    }
}
