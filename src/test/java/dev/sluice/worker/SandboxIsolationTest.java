package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HttpTestClient.Part;
import dev.sluice.testing.Requirements;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sandboxed job does its own work (reads its input, writes its output) and nothing else: another job's upload,
 * the database, the config, the server's processes and, without network, the server's port are out of its reach.
 */
class SandboxIsolationTest extends ServerFixture {

    private Path app;
    private Map<String, String> report;
    private JsonNode probe;

    @BeforeEach
    void run_a_probe_job_beside_another_job() throws IOException {
        Requirements.require(SandboxProbe.problem().isEmpty(), "bubblewrap does not work here: " + SandboxProbe.problem().orElse(""));
        app = dir.resolve("app");
        Files.writeString(dir.resolve("sluice.yaml"), "admin password hash lives here\n");
        Path script = app.resolve("probe.sh");
        Scripts.write(app, "keep.sh", "true");
        start("sandbox: { network: false, bind: [\"" + app + "\"] }\ntasks:\n"
                + "  keep:\n    command: [bash, \"" + app.resolve("keep.sh") + "\"]\n    inputs: { data: { type: file } }\n"
                + "  probe:\n    command: [bash, \"" + script + "\", \"{data}\", \"{other}\", \"{port}\"]\n"
                + "    inputs: { data: { type: file }, other: { type: string }, port: { type: string } }\n"
                + "    outputs: { copy: { file: copy.txt } }\n");
        String other = upload("keep", "other job's secret", Map.of());
        server.awaitEnd(other);
        Path otherInput;
        try (Stream<Path> files = Files.list(JobFolder.allIn(server.dataDir()).resolve(other).resolve("in"))) {
            otherInput = files.findFirst().orElseThrow();
        }
        Scripts.write(app, "probe.sh", probeScript());
        String id = upload("probe", "my own input", Map.of("other", otherInput.toString(), "port", String.valueOf(server.server().port())));
        probe = server.awaitEnd(id);
        report = new LinkedHashMap<>();
        for (String line : Files.readAllLines(JobFolder.allIn(server.dataDir()).resolve(id).resolve("out").resolve("report"))) {
            report.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
    }

    private String probeScript() {
        Path data = server.dataDir();
        return String.join("\n",
                "report=\"$SLUICE_OUT/report\"",
                "attempt() { local name=$1; shift; if \"$@\" >/dev/null 2>&1; then echo \"$name=allowed\" >> \"$report\";"
                        + " else echo \"$name=refused\" >> \"$report\"; fi; }",
                "attempt own-input cat \"$1\"",
                "attempt other-input cat \"$2\"",
                "attempt database cat \"" + data.resolve("sluice.db") + "\"",
                "attempt config cat \"" + dir.resolve("sluice.yaml") + "\"",
                "attempt write-config-folder bash -c 'echo x > \"" + dir.resolve("escaped") + "\"'",
                "attempt write-data-dir bash -c 'echo x > \"" + data.resolve("escaped") + "\"'",
                "attempt write-bound-folder bash -c 'echo x > \"" + app.resolve("escaped") + "\"'",
                "attempt write-own-input bash -c 'echo x >> \"$0\"' \"$1\"",
                "attempt write-system bash -c 'echo x > /var/tmp/sluice-escaped'",
                "attempt server-port bash -c \"exec 3<>/dev/tcp/127.0.0.1/$3\"",
                "attempt unmount-data-dir umount \"" + data + "\"",
                "attempt database-after-unmount cat \"" + data.resolve("sluice.db") + "\"",
                "echo \"home-entries=$(ls -A \"$HOME\" 2>/dev/null | wc -l)\" >> \"$report\"",
                // why: the pattern jav[a] does not match the grep that looks for it
                "echo \"java-processes=$(cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' ' | grep -o 'jav[a]' | wc -l)\" >> \"$report\"",
                "cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n' > \"$SLUICE_OUT/environs\"",
                "cp \"$1\" \"$SLUICE_OUT/copy.txt\"");
    }

    private String upload(String task, String content, Map<String, String> fields) {
        List<Part> parts = new java.util.ArrayList<>();
        parts.add(Part.file("data", "data.txt", content.getBytes(StandardCharsets.UTF_8)));
        fields.forEach((name, value) -> parts.add(Part.field(name, value)));
        var response = server.http().multipart("/processes/" + task + "/execution", parts);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("jobID").asText();
    }

    @Test
    void the_job_reads_its_input_writes_its_output_and_succeeds() {
        assertThat(probe.path("status").asText()).as(probe.toString()).isEqualTo("successful");
        assertThat(report).containsEntry("own-input", "allowed");
        assertThat(server.http().get("/jobs/" + probe.path("jobID").asText() + "/results/copy").body()).isEqualTo("my own input");
    }

    @Test
    void another_jobs_upload_is_out_of_reach() {
        assertThat(report).containsEntry("other-input", "refused");
    }

    @Test
    void the_database_and_the_config_file_are_out_of_reach() {
        assertThat(report).containsEntry("database", "refused").containsEntry("config", "refused");
    }

    @Test
    void nothing_outside_its_folder_can_be_written_not_even_its_own_input() {
        assertThat(report).containsEntry("write-config-folder", "refused").containsEntry("write-data-dir", "refused")
                .containsEntry("write-bound-folder", "refused").containsEntry("write-own-input", "refused")
                .containsEntry("write-system", "refused");
        assertThat(dir.resolve("escaped")).doesNotExist();
        assertThat(server.dataDir().resolve("escaped")).doesNotExist();
        assertThat(app.resolve("escaped")).doesNotExist();
    }

    @Test
    void a_job_of_a_server_running_as_root_cannot_unmount_what_hides_data_dir() {
        assertThat(report).containsEntry("unmount-data-dir", "refused").containsEntry("database-after-unmount", "refused");
    }

    @Test
    void the_servers_home_shows_empty() {
        assertThat(report).containsEntry("home-entries", "0");
    }

    @Test
    void the_servers_processes_and_their_environment_are_invisible() throws IOException {
        assertThat(report).containsEntry("java-processes", "0");
        String environs = Files.readString(JobFolder.allIn(server.dataDir()).resolve(probe.path("jobID").asText()).resolve("out/environs"));
        Map.Entry<String, String> serverOnly = System.getenv().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("LC_") && !List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ", "TMPDIR", "TERM")
                        .contains(e.getKey()) && !e.getValue().isEmpty())
                .findFirst().orElseThrow();
        assertThat(environs).contains("SLUICE_JOB_ID=").doesNotContain(serverOnly.getKey() + "=" + serverOnly.getValue());
    }

    @Test
    void without_network_the_servers_port_is_out_of_reach() {
        assertThat(report).containsEntry("server-port", "refused");
    }
}
