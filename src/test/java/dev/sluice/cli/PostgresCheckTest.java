package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.store.PostgresJobStore;
import dev.sluice.store.PostgresSettings;
import dev.sluice.testing.PostgresServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sluice check` with a PostgreSQL database: it answers or not, and how far its schema is, on a real server. */
class PostgresCheckTest {

    @TempDir
    Path dir;

    @Test
    void a_new_database_answers_and_has_its_schema_made_at_the_first_start() throws Exception {
        PostgresSettings database = PostgresServer.shared().newDatabase();

        Run before = check(database.jdbcUrl() + "?user=" + database.user());
        PostgresJobStore.open(database, Clock.systemUTC()).close();
        Run after = check(database.jdbcUrl() + "?user=" + database.user());

        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.out()).containsPattern("database: PostgreSQL \\d+[.\\d]* .*answers; no schema yet, 2 migrations to run at the next start");
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).contains("answers; schema version 002, current");
    }

    @Test
    void a_database_that_does_not_answer_is_a_problem_that_says_where_without_the_password() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }

        Run run = check("postgresql://app:hunter2@127.0.0.1:" + closedPort + "/sluice?connect_timeout=2");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("storage.database: cannot connect to the PostgreSQL database jdbc:postgresql://127.0.0.1:"
                + closedPort + "/sluice as user app", "1 problem").doesNotContain("hunter2");
        assertThat(run.out()).doesNotContain("hunter2");
    }

    private Run check(String database) throws Exception {
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "storage:\n  database: \"" + database + "\"\ntasks:\n  t:\n    command: [\"true\"]\n");
        return SluiceCommand.run("check", "--no-preflight", "--config", config.toString());
    }
}
