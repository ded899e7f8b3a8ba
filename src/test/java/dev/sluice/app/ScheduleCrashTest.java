package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule of every second, its server killed with SIGKILL at random instants around its ticks: every recorded
 * tick started exactly one job, no job exists without its tick, and every job the ticks started ran to its end.
 */
class ScheduleCrashTest {

    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    void kill_9_around_ticks_never_fires_a_tick_twice_and_loses_no_scheduled_job() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int port = ServerProcess.freePort();
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "server: { listen: 127.0.0.1:" + port + " }\nstorage: { data-dir: data }\n"
                + "tasks:\n  quick:\n    command: [\"true\"]\n"
                + "schedules:\n  tick: { task: quick, every: 1s, overlap: queue }\n");
        Path log = dir.resolve("server.log");

        for (int kill = 0; kill < KILLS; kill++) {
            ServerProcess server = ServerProcess.start(config, port, log);
            Instant seen = lastTick(server);
            await().atMost(TestServer.PATIENCE).until(() -> lastTick(server).isAfter(seen));
            Thread.sleep(random.nextInt(1500));
            server.killHard();
        }
        try (ServerProcess last = ServerProcess.start(config, port, log)) {
            Instant seen = lastTick(last);
            await().atMost(TestServer.PATIENCE).until(() -> lastTick(last).isAfter(seen.plusSeconds(2)));
        }

        try (Connection db = TestServer.database(dir);
             Statement sql = db.createStatement()) {
            int fired = count(sql, "SELECT COUNT(*) FROM schedule_ticks WHERE schedule = 'tick' AND outcome = 'fired'");
            assertThat(fired).as("seed %d", seed).isGreaterThan(KILLS);
            assertThat(count(sql, "SELECT COUNT(DISTINCT job_id) FROM schedule_ticks WHERE outcome = 'fired'")).isEqualTo(fired);
            assertThat(count(sql, "SELECT COUNT(*) FROM jobs WHERE schedule = 'tick'")).as("one job per fired tick").isEqualTo(fired);
            assertThat(count(sql, "SELECT COUNT(*) FROM schedule_ticks t JOIN jobs j ON j.id = t.job_id AND j.schedule = 'tick'"))
                    .as("each tick's job is there").isEqualTo(fired);
            assertThat(count(sql, "SELECT COUNT(*) FROM schedule_ticks WHERE tick % 1000 != 0")).as("ticks on whole seconds").isZero();
            assertThat(count(sql, "SELECT COUNT(*) FROM jobs WHERE schedule = 'tick' AND state NOT IN ('successful', 'accepted', 'running')"))
                    .as("no scheduled job failed or was lost").isZero();
        }
    }

    private static Instant lastTick(ServerProcess server) {
        var schedules = server.http().get("/admin/schedules").json().path("schedules");
        String at = schedules.get(0).path("lastTick").path("at").asText("");
        return at.isEmpty() ? Instant.EPOCH : Instant.parse(at);
    }

    private static int count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
