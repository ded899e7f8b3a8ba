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
                  hard-database) ln "$SLUICE_JOB_DIR/../../sluice.db" "$1/secret.txt" ;;
                  hard-inline) ln "$SLUICE_JOB_DIR/../../sluice.db" "$1/inline.txt" ;;
                  hard-log) rm -f "$SLUICE_JOB_DIR/log" && ln "$SLUICE_JOB_DIR/../../sluice.db" "$SLUICE_JOB_DIR/log" ;;
                  hard-log-print) echo kept > "$SLUICE_JOB_DIR/../../kept.txt"
                      ln "$SLUICE_JOB_DIR/../../kept.txt" "$SLUICE_JOB_DIR/log" && echo "through the hard link" ;;
                  symlink-log-print) echo kept > "$SLUICE_JOB_DIR/../../kept.txt"
                      ln -s "$SLUICE_JOB_DIR/../../kept.txt" "$SLUICE_JOB_DIR/log" && echo "through the symlink" ;;
                  write-through) if [ ! -e "$SLUICE_JOB_DIR/attempted" ]; then touch "$SLUICE_JOB_DIR/attempted"
                      echo planted > "$SLUICE_JOB_DIR/../../target.txt" && rm -f "$SLUICE_JOB_DIR/log"
                      ln -s "$SLUICE_JOB_DIR/../../target.txt" "$SLUICE_JOB_DIR/log"; exit 1; fi
                      echo "through the link" ;;
                esac
                exit 0
                """;
        start("""
                tasks:
                  plant:
                    command: %s
                    retries: 1
                    inputs:
                      how: { type: string, enum: [file, relative, folder, database, chain, out, log, hard-database, hard-inline, hard-log, hard-log-print, symlink-log-print, write-through] }
                    outputs:
                      secret: { file: secret.txt, optional: true }
                      nested: { file: sub/passwd, optional: true }
                      passwd: { file: passwd, optional: true }
                      inline: { file: inline.txt, type: string, optional: true }
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

    @Test
    void a_hard_link_to_the_servers_own_database_is_not_served() {
        String id = planted("hard-database");

        assertNothingLeaks(id, "secret");
        assertThat(server.http().get("/jobs/" + id + "/results/secret").body()).doesNotContain("SQLite format");
    }

    @Test
    void a_hard_linked_text_output_is_not_put_inline_in_the_results() {
        String id = planted("hard-inline");

        assertNothingLeaks(id, "inline");
        assertThat(server.http().get("/jobs/" + id + "/results").body()).doesNotContain("SQLite format");
    }

    @Test
    void a_log_replaced_by_a_hard_link_is_not_served_on_any_route() {
        String id = planted("hard-log");

        HostileInputs.tried("path-escape");
        for (String route : new String[] {"/log", "/events", "?f=html"}) {
            Response r = server.http().get("/jobs/" + id + route);
            assertThat(r.status()).as(route).isLessThan(500);
            assertThat(r.body()).as(route).doesNotContain("SQLite format");
        }
    }

    @Test
    void output_after_a_hard_link_was_put_in_place_of_the_log_is_not_written_through_it() throws Exception {
        assertLogLinkNotWrittenThrough("hard-log-print");
    }

    @Test
    void output_after_a_symlink_was_put_in_place_of_the_log_is_not_written_through_it() throws Exception {
        assertLogLinkNotWrittenThrough("symlink-log-print");
    }

    @Test
    void the_server_never_writes_through_a_link_put_in_place_of_the_log_of_a_job_it_retries() throws Exception {
        String id = server.submit("plant", "{\"how\": \"write-through\"}");
        JsonNode end = server.awaitEnd(id);

        HostileInputs.tried("path-escape");
        assertThat(end.path("attempts").asInt()).as(end.toString()).isEqualTo(2);
        assertThat(java.nio.file.Files.readString(server.dataDir().resolve("target.txt"))).isEqualTo("planted\n");
    }

    // --- helpers

    // why: the server opens a job's log at its first byte of output, so the job has had time to put a link there
    private void assertLogLinkNotWrittenThrough(String how) throws java.io.IOException {
        String id = server.submit("plant", "{\"how\": \"" + how + "\"}");
        JsonNode end = server.awaitEnd(id);

        HostileInputs.tried("path-escape");
        assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("successful");
        assertThat(java.nio.file.Files.readString(server.dataDir().resolve("kept.txt"))).isEqualTo("kept\n");
        Response log = server.http().get("/jobs/" + id + "/log");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).doesNotContain("kept");
    }

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
