package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.HttpTestClient.Response;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job that plants symlinks (in out/, for out/ itself, for its log) pointing outside its folder never gets the
 * server to serve what they point to: each route answers 404 with a problem document, never the file.
 */
class PathEscapeTest extends ServerFixture {

    @BeforeEach
    void startServer() {
        Path scripts = dir.resolve("scripts");
        String plant = """
                case "$2" in
                  file) ln -s /etc/passwd "$1/secret.txt" ;;
                  relative) ln -s ../../../../../../../../../../etc/passwd "$1/secret.txt" ;;
                  folder) ln -s /etc "$1/sub" ;;
                  database) ln -s "$SLUICE_JOB_DIR/../../sluice.db" "$1/secret.txt" ;;
                  chain) ln -s /etc/passwd "$1/hop" && ln -s hop "$1/secret.txt" ;;
                  out) rmdir "$1" && ln -s /etc "$1" ;;
                  log) rm -f "$SLUICE_JOB_DIR/log" && ln -s /etc/passwd "$SLUICE_JOB_DIR/log" ;;
                esac
                exit 0
                """;
        start("""
                tasks:
                  plant:
                    command: %s
                    inputs:
                      how: { type: string, enum: [file, relative, folder, database, chain, out, log] }
                    outputs:
                      secret: { file: secret.txt, optional: true }
                      nested: { file: sub/passwd, optional: true }
                      passwd: { file: passwd, optional: true }
                """.formatted(Scripts.command(Scripts.write(scripts, "plant.sh", plant), "{out}", "{how}")));
    }

    @Test
    void a_symlink_to_a_file_outside_is_not_served() {
        assertNothingLeaks(planted("file"), "secret");
    }

    @Test
    void a_relative_symlink_climbing_out_is_not_served() {
        assertNothingLeaks(planted("relative"), "secret");
    }

    @Test
    void a_symlinked_folder_inside_out_is_not_followed() {
        assertNothingLeaks(planted("folder"), "nested");
    }

    @Test
    void a_symlink_to_the_servers_own_database_is_not_served() {
        String id = planted("database");

        assertNothingLeaks(id, "secret");
        assertThat(server.http().get("/jobs/" + id + "/results/secret").body()).doesNotContain("SQLite format");
    }

    @Test
    void a_chain_of_symlinks_leading_out_is_not_served() {
        assertNothingLeaks(planted("chain"), "secret");
    }

    @Test
    void an_out_folder_replaced_by_a_symlink_is_not_followed() {
        assertNothingLeaks(planted("out"), "passwd");
    }

    @Test
    void a_log_replaced_by_a_symlink_is_not_served() {
        String id = planted("log");

        Response log = server.http().get("/jobs/" + id + "/log");

        HostileInputs.tried("path-escape");
        assertThat(log.status()).isLessThan(500);
        assertThat(log.body()).doesNotContain("root:");
    }

    // --- helpers

    private String planted(String how) {
        String id = server.submit("plant", "{\"how\": \"" + how + "\"}");
        JsonNode end = server.awaitEnd(id);
        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("successful");
        return id;
    }

    private void assertNothingLeaks(String id, String output) {
        HostileInputs.tried("path-escape");
        Response file = server.http().get("/jobs/" + id + "/results/" + output);
        assertThat(file.status()).as(file.body()).isEqualTo(404);
        assertThat(file.header("Content-Type")).startsWith("application/problem+json");
        assertThat(file.body()).doesNotContain("root:");
        Response results = server.http().get("/jobs/" + id + "/results");
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.json().has(output)).as(results.body()).isFalse();
        assertThat(results.body()).doesNotContain("root:");
    }
}
