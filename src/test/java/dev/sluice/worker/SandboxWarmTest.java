package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.store.JobId;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.Requirements;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sandboxed warm worker sees one job's folder at a time, lent into a window of its own: the job before it and
 * data-dir stay out of reach, and every folder goes back to its place after the job, however the job ended.
 */
class SandboxWarmTest extends ServerFixture {

    private Path app;

    @BeforeEach
    void start_a_sandboxed_warm_task() throws IOException {
        Requirements.require(SandboxProbe.problem().isEmpty(), "bubblewrap does not work here: " + SandboxProbe.problem().orElse(""));
        app = Files.createDirectories(dir.resolve("app"));
        Scripts.pythonHelper(app);
        Files.writeString(app.resolve("worker.py"), """
                import json, os, time
                import sluice

                def reach(path):
                    try:
                        open(path).read()
                        return "allowed"
                    except OSError:
                        return "refused"

                @sluice.task
                def work(data, other="", jobs="", sleep=0, out=None):
                    report = {"own": open(data).read(), "other": reach(other) if other else "",
                              "jobs": "listed" if jobs and os.path.isdir(jobs) else "hidden", "pid": os.getpid()}
                    with open(os.path.join(out, "report.json"), "w") as f:
                        json.dump(report, f)
                    time.sleep(sleep)

                if __name__ == "__main__":
                    sluice.run()
                """);
        start("tasks:\n  w:\n    mode: warm\n    command: [python3, \"" + app.resolve("worker.py") + "\"]\n"
                + "    sandbox: { bind: [\"" + app + "\"] }\n"
                + "    inputs: { data: { type: file }, other: { type: string, required: false },"
                + " jobs: { type: string, required: false }, sleep: { type: integer, default: 0 } }\n"
                + "    outputs: { report: { file: report.json } }\n    limits: { timeout: 3s }\n");
    }

    private String submit(String content, String other, String jobs, int sleep) {
        var response = server.http().multipart("/processes/w/execution", List.of(
                Part.file("data", "data.txt", content.getBytes(StandardCharsets.UTF_8)), Part.field("other", other),
                Part.field("jobs", jobs), Part.field("sleep", String.valueOf(sleep))));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("jobID").asText();
    }

    private JsonNode report(String id) {
        return TestServer.parse(server.http().get("/jobs/" + id + "/results/report").body());
    }

    private Path inputOf(String id) throws IOException {
        try (Stream<Path> files = Files.list(JobFolder.allIn(server.dataDir()).resolve(id).resolve("in"))) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void the_next_job_on_the_same_worker_cannot_read_the_job_before_it_nor_list_the_jobs() throws IOException {
        String first = submit("first secret", "", "", 0);
        assertThat(server.awaitEnd(first).path("status").asText()).isEqualTo("successful");

        String second = submit("second", inputOf(first).toString(), JobFolder.allIn(server.dataDir()).toString(), 0);
        JsonNode done = server.awaitEnd(second);

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("successful");
        assertThat(report(second).path("own").asText()).isEqualTo("second");
        assertThat(report(second).path("other").asText()).isEqualTo("refused");
        assertThat(report(second).path("jobs").asText()).isEqualTo("hidden");
        assertThat(report(second).path("pid").asInt()).as("one warm worker ran both").isEqualTo(report(first).path("pid").asInt());
    }

    @Test
    void a_jobs_folder_is_back_in_its_place_after_the_job_and_the_window_is_empty() throws IOException {
        String id = submit("mine", "", "", 0);
        server.awaitEnd(id);

        assertThat(Files.readString(inputOf(id))).isEqualTo("mine");
        assertThat(report(id).path("own").asText()).isEqualTo("mine");
        // why: a node alone keeps the windows in data-dir/exchange, a node sharing data-dir in data-dir/nodes/<marker>/exchange
        try (Stream<Path> windows = Files.walk(server.dataDir()).filter(p -> p.getFileName().toString().equals("job")
                && p.getParent().getParent().getParent().getFileName().toString().equals("exchange"))) {
            assertThat(windows.toList()).singleElement().satisfies(window -> assertThat(window).isEmptyDirectory());
        }
    }

    @Test
    void a_job_killed_at_its_time_limit_gets_its_folder_back_and_the_next_job_runs_on_a_fresh_worker() throws IOException {
        String slow = submit("slow", "", "", 30);
        JsonNode killed = server.awaitEnd(slow);
        String next = submit("next", "", "", 0);
        JsonNode done = server.awaitEnd(next);

        assertThat(killed.path("reason").asText()).isEqualTo("timeout");
        assertThat(Files.readString(inputOf(slow))).isEqualTo("slow");
        assertThat(JobFolder.allIn(server.dataDir()).resolve(slow).resolve("out/report.json")).exists();
        assertThat(done.path("status").asText()).isEqualTo("successful");
    }

    @Test
    void a_folder_lent_when_the_server_died_is_put_back_at_start() throws IOException {
        server.close();
        server = null;
        Path data = dir.resolve("data");
        JobId job = JobId.random();
        Path window = Files.createDirectories(WarmExchange.allIn(data).resolve("w").resolve("some-worker").resolve("job"));
        Files.createDirectories(window.resolve("in"));
        Files.writeString(window.resolve("in/data.txt"), "lent");
        Files.writeString(window.getParent().resolve("job-id"), job.value());

        WarmWorkers.clearLeftovers(data, NodePlace.alone(data));

        assertThat(JobFolder.of(data, job).in().resolve("data.txt")).hasContent("lent");
        assertThat(WarmExchange.allIn(data).resolve("w")).isEmptyDirectory();
    }
}
