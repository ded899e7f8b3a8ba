package dev.sluice.cli;

import static dev.sluice.cli.SluiceCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.config.PasswordHash;
import dev.sluice.store.DatabaseFile;
import dev.sluice.store.JobId;
import dev.sluice.testing.ServerFixture;
import dev.sluice.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `sluice backup` copies a running server's database through its admin route; `sluice restore` puts a copy back. */
class BackupRestoreTest extends ServerFixture {

    private static final String TASKS = "tasks:\n  quick:\n    command: [\"true\"]\n";
    private static final String ADMIN_PASSWORD = "a long admin password";

    @Test
    void a_backup_taken_while_jobs_are_submitted_holds_every_job_committed_before_it_and_opens_with_plain_sqlite() throws Exception {
        server = TestServer.start(dir, TASKS);
        List<String> before = submitAndFinish(20);
        AtomicBoolean submitting = new AtomicBoolean(true);
        Thread busy = Thread.ofVirtual().start(() -> {
            while (submitting.get()) {
                server.submit("quick", "{}");
            }
        });
        Path file = dir.resolve("backup.db");
        Run run;
        try {
            run = run("backup", file.toString(), "--server", server.http().base());
        } finally {
            submitting.set(false);
            busy.join();
        }

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("backed up", "jobs", file.toString(), "data-dir/jobs/");
        DatabaseFile copy = DatabaseFile.check(file);
        assertThat(copy.jobs()).containsAll(before.stream().map(JobId::new).toList());
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = plain.createStatement()) {
            assertThat(sql.executeQuery("SELECT count(*) FROM jobs WHERE state = 'successful'").getInt(1))
                    .isGreaterThanOrEqualTo(before.size());
        }
        assertThat(leftovers()).as("the server's temporary copy is removed").isEmpty();
        assertThat(dir.resolve("backup.db.part")).doesNotExist();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .as("the copy holds every job's inputs").isEqualTo("rw-------");
    }

    @Test
    void a_copy_left_behind_by_a_crash_is_removed_at_the_next_start() throws Exception {
        Path leftover = Files.createDirectories(dir.resolve("data")).resolve(".backup-cut-short.db");
        Files.writeString(leftover, "half a copy");

        server = TestServer.start(dir, TASKS);

        assertThat(leftover).doesNotExist();
    }

    @Test
    void an_existing_file_is_replaced_only_with_force() throws Exception {
        server = TestServer.start(dir, TASKS);
        Path file = dir.resolve("backup.db");
        Files.writeString(file, "precious");

        Run refused = run("backup", file.toString(), "--server", server.http().base());
        Run forced = run("backup", file.toString(), "--server", server.http().base(), "--force");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("exists", "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(DatabaseFile.check(file).jobs()).isEmpty();
    }

    @Test
    void with_an_admin_password_the_backup_needs_the_admins_credentials() {
        String hash = PasswordHash.of(ADMIN_PASSWORD.toCharArray()).toString();
        server = TestServer.start(dir, TASKS, Map.of("SLUICE_SERVER_AUTH_ADMIN_USER", "admin",
                "SLUICE_SERVER_AUTH_ADMIN_PASSWORD_HASH", hash));
        Path file = dir.resolve("backup.db");

        Run anonymous = run("backup", file.toString(), "--server", server.http().base());
        Run wrong = SluiceCommand.runWithInput("not the password\n", "backup", file.toString(), "--server",
                server.http().base(), "--user", "admin");
        Run admin = SluiceCommand.runWithInput(ADMIN_PASSWORD + "\n", "backup", file.toString(), "--server",
                server.http().base(), "--user", "admin");

        assertThat(server.http().get("/admin/backup").status()).isEqualTo(401);
        assertThat(anonymous.exit()).isEqualTo(1);
        assertThat(anonymous.err()).contains("needs the admin's credentials");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(admin.exit()).as(admin.err()).isZero();
        assertThat(file).exists();
    }

    @Test
    void without_an_admin_password_a_proxied_or_cross_site_request_gets_no_backup() {
        server = TestServer.start(dir, TASKS);

        assertThat(server.http().get("/admin/backup", Map.of("X-Forwarded-For", "203.0.113.9")).status()).isEqualTo(403);
        assertThat(server.http().get("/admin/backup", Map.of("Forwarded", "for=203.0.113.9")).status()).isEqualTo(403);
        assertThat(server.http().get("/admin/status", Map.of("X-Forwarded-For", "203.0.113.9")).status()).isEqualTo(403);
        assertThat(server.http().get("/admin/backup", Map.of("Sec-Fetch-Site", "cross-site")).status()).isEqualTo(403);
        assertThat(server.http().get("/admin/backup", Map.of("Sec-Fetch-Site", "same-origin")).status()).isEqualTo(200);
    }

    @Test
    void an_unreachable_server_is_named() throws Exception {
        Run run = run("backup", dir.resolve("backup.db").toString(), "--server", "http://127.0.0.1:" + freePort());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach");
        assertThat(dir.resolve("backup.db")).doesNotExist();
    }

    @Test
    void restore_is_refused_while_a_server_uses_the_data_folder() throws Exception {
        server = TestServer.start(dir, TASKS);
        Path file = dir.resolve("backup.db");
        assertThat(run("backup", file.toString(), "--server", server.http().base()).exit()).isZero();

        Run run = run("restore", file.toString(), "--config", config().toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("another Sluice server is using the data folder", "stop the server first");
    }

    @Test
    void a_restore_brings_back_the_jobs_of_the_backup_and_sets_aside_what_it_replaces() throws Exception {
        server = TestServer.start(dir, TASKS);
        List<String> kept = submitAndFinish(3);
        Path file = dir.resolve("backup.db");
        Run backup = run("backup", file.toString(), "--server", server.http().base(), "--json");
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(TestServer.parse(backup.out()).path("jobs").asInt()).isEqualTo(3);
        List<String> newer = submitAndFinish(2);
        server.close();
        server = null;

        Run checkJson = run("restore", file.toString(), "--config", config().toString(), "--check", "--json");
        Run check = run("restore", file.toString(), "--config", config().toString(), "--check");
        Run restore = run("restore", file.toString(), "--config", config().toString());

        JsonNode summary = TestServer.parse(checkJson.out());
        assertThat(summary.path("jobs").asInt()).isEqualTo(3);
        assertThat(summary.path("foldersNotInBackup").asInt()).isEqualTo(2);
        assertThat(summary.path("restored").asBoolean()).isFalse();
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("3 jobs", "intact", "2 job folders belong to no job of the backup", "would be moved");
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("set aside as", "restored");
        Path data = dir.resolve("data");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("sluice.db.before-restore-"))
                    .anyMatch(n -> n.startsWith("jobs-not-in-backup-"));
        }
        server = TestServer.start(dir, TASKS);
        for (String id : kept) {
            assertThat(server.status(id).path("status").asText()).isEqualTo("successful");
        }
        for (String id : newer) {
            assertThat(server.http().get("/jobs/" + id).status()).as("newer than the backup").isEqualTo(404);
        }
    }

    @Test
    void restore_check_refuses_a_file_that_is_not_a_sluice_database() throws Exception {
        Path text = dir.resolve("notes.db");
        Files.writeString(text, "not a database at all, just some text that is long enough to have a header");
        Path foreign = dir.resolve("foreign.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE birds (name TEXT)");
        }
        Files.createDirectories(dir.resolve("data"));

        Run notSqlite = run("restore", text.toString(), "--config", config().toString(), "--check");
        Run notSluice = run("restore", foreign.toString(), "--config", config().toString(), "--check");
        Run missing = run("restore", dir.resolve("nowhere.db").toString(), "--config", config().toString(), "--check");

        assertThat(notSqlite.exit()).isEqualTo(1);
        assertThat(notSqlite.err()).contains("is not a SQLite database");
        assertThat(notSluice.exit()).isEqualTo(1);
        assertThat(notSluice.err()).contains("not Sluice's");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("is not a file");
        assertThat(notSqlite.err() + notSluice.err()).doesNotContain("Exception");
    }

    private Path config() throws Exception {
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "storage: { data-dir: data }\n" + TASKS);
        return config;
    }

    private List<String> submitAndFinish(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(server.submit("quick", "{}"));
        }
        ids.forEach(server::awaitEnd);
        return ids;
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(".backup-")).toList();
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
