package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Maintenance mode: new work refused with 503 and the admin's message, jobs in hand go on, reads keep working. */
class MaintenanceModeTest extends ServerFixture {

    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html");

    private Path release;

    @AfterEach
    void openTheGate() throws IOException {
        if (release != null) {
            Files.writeString(release, "go");
        }
    }

    private String config() {
        release = dir.resolve("release");
        Path gate = Scripts.write(dir.resolve("scripts"), "gate.sh", "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        return """
                tasks:
                  gate: { command: %s }
                  quick: { command: ["true"] }
                """.formatted(Scripts.command(gate));
    }

    @Test
    void while_on_submissions_and_forms_answer_503_but_jobs_in_hand_finish_and_stay_readable() throws IOException {
        start(config());
        String running = server.submit("gate", "{}");
        server.awaitStatus(running, "running");
        String queued = server.submit("quick", "{}");

        Response on = server.http().postJson("/admin/maintenance", "{\"active\": true, \"message\": \"Upgrading <the> disks\", \"for\": \"1h\"}");
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json().path("active").asBoolean()).isTrue();
        assertThat(on.json().path("until").asText()).isNotEmpty();

        Response refused = server.http().postJson("/processes/quick/execution", "{}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("type").asText()).endsWith("maintenance");
        assertThat(refused.json().path("detail").asText()).contains("Upgrading <the> disks");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3000L, 3601L);
        Response index = server.http().get("/", BROWSER);
        assertThat(index.status()).isEqualTo(503);
        assertThat(index.body()).contains("Upgrading &lt;the&gt; disks", "id=\"my-jobs\"").doesNotContain("<the>");
        assertThat(index.header("Retry-After")).isNotNull();
        assertThat(server.http().get("/tasks/quick", BROWSER).status()).isEqualTo(503);
        assertThat(server.http().get("/jobs/" + running, BROWSER).status()).isEqualTo(200);
        assertThat(server.http().get("/jobs/" + queued).status()).isEqualTo(200);
        assertThat(server.http().get("/processes").status()).isEqualTo(200);

        Files.writeString(release, "go");
        assertThat(server.awaitEnd(running).path("status").asText()).isEqualTo("successful");
        assertThat(server.awaitEnd(queued).path("status").asText()).isEqualTo("successful");

        Response off = server.http().postJson("/admin/maintenance", "{\"active\": false}");
        assertThat(off.json().path("active").asBoolean()).isFalse();
        assertThat(server.http().postJson("/processes/quick/execution", "{}").status()).isEqualTo(201);
        assertThat(server.http().get("/tasks/quick", BROWSER).status()).isEqualTo(200);
    }

    @Test
    void it_survives_a_restart_and_shows_on_the_admin_page_and_status() {
        String yaml = config();
        start(yaml);
        server.http().postJson("/admin/maintenance", "{\"active\": true, \"message\": \"Moving to a new disk\"}");
        server.close();
        server = null;
        start(yaml);

        assertThat(server.http().get("/admin/maintenance").json().path("message").asText()).isEqualTo("Moving to a new disk");
        assertThat(server.http().postJson("/processes/quick/execution", "{}").status()).isEqualTo(503);
        assertThat(server.http().get("/admin", BROWSER).body()).contains("id=\"maintenance-on\"", "Moving to a new disk",
                "End maintenance mode");
        assertThat(server.http().get("/admin/status").json().path("maintenance").asBoolean()).isTrue();
        assertThat(server.http().get("/admin/maintenance?f=html").body()).contains("id=\"maintenance-form\"");
    }

    @Test
    void the_admin_page_form_turns_it_on_and_off_and_sends_the_browser_back() {
        start(config());
        byte[] on = "active=on&message=Back+soon&for=30m".getBytes(StandardCharsets.UTF_8);

        Response turnedOn = server.http().post("/admin/maintenance", "application/x-www-form-urlencoded", on);
        assertThat(turnedOn.status()).isEqualTo(303);
        assertThat(turnedOn.header("Location")).isEqualTo("/admin#maintenance");
        assertThat(server.http().get("/admin/maintenance").json().path("message").asText()).isEqualTo("Back soon");

        server.http().post("/admin/maintenance", "application/x-www-form-urlencoded", "active=off".getBytes(StandardCharsets.UTF_8));
        assertThat(server.http().get("/admin/maintenance").json().path("active").asBoolean()).isFalse();
    }

    @Test
    void bad_requests_name_the_field_and_change_nothing() {
        start(config());
        assertRefused("{\"message\": \"no switch\"}", "active");
        assertRefused("{\"active\": \"maybe\"}", "active");
        assertRefused("{\"active\": true, \"until\": \"2001-01-01T00:00:00Z\"}", "until");
        assertRefused("{\"active\": true, \"until\": \"tomorrow\"}", "until");
        assertRefused("{\"active\": true, \"for\": \"soon\"}", "for");
        assertRefused("{\"active\": true, \"for\": \"0s\"}", "for");
        assertRefused("{\"active\": true, \"for\": \"99999999999999d\"}", "for");
        assertRefused("{\"active\": true, \"for\": \"1h\", \"until\": \"2099-01-01T00:00:00Z\"}", "until");
        assertRefused("{\"active\": true, \"message\": \"" + "x".repeat(501) + "\"}", "message");
        assertRefused("{\"active\": true, \"message\": {\"nested\": 1}}", "message");
        assertThat(server.http().postJson("/admin/maintenance", "[1]").status()).isEqualTo(400);

        assertThat(server.http().get("/admin/maintenance").json().path("active").asBoolean()).isFalse();
        assertThat(server.http().postJson("/processes/quick/execution", "{}").status()).isEqualTo(201);
    }

    @Test
    void a_cross_site_form_cannot_turn_it_on() {
        start(config());
        Response forged = server.http().send(server.http().builder("/admin/maintenance")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("active=on&message=pwned")).build());

        assertThat(forged.status()).isEqualTo(403);
        assertThat(server.http().get("/admin/maintenance").json().path("active").asBoolean()).isFalse();
    }

    private void assertRefused(String body, String field) {
        Response refused = server.http().postJson("/admin/maintenance", body);
        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.json().path("input").asText()).as(body).isEqualTo(field);
    }
}
